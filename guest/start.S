/*
 * Entry point of the guest program.  The kernel starts /init with the
 * stack holding argc, argv[], envp[] and the auxiliary vector; hand a
 * pointer to all of that to C.  There is no C library to do it for us.
 */
	.section .note.GNU-stack,"",@progbits
	.text
	.globl	_start
_start:
	xorl	%ebp, %ebp
	movl	%esp, %eax
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	guest_main
	/* guest_main does not return; if it does, stop here. */
1:	hlt
	jmp	1b
