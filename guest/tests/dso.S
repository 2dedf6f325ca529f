/*
 * A stand-in for the kernel's vsyscall DSO: the three symbols the guest
 * looks up, in a shared object prelinked to one page (see dso.lds).
 */
	.section .note.GNU-stack,"",@progbits
	.text
	.globl	__kernel_vsyscall
	.type	__kernel_vsyscall, @function
__kernel_vsyscall:
	int	$0x80
	ret
	.size	__kernel_vsyscall, . - __kernel_vsyscall

	.globl	__kernel_sigreturn
	.type	__kernel_sigreturn, @function
__kernel_sigreturn:
	popl	%eax
	movl	$119, %eax
	int	$0x80
	.size	__kernel_sigreturn, . - __kernel_sigreturn

	.globl	__kernel_rt_sigreturn
	.type	__kernel_rt_sigreturn, @function
__kernel_rt_sigreturn:
	movl	$173, %eax
	int	$0x80
	.size	__kernel_rt_sigreturn, . - __kernel_rt_sigreturn
