/*
 * Unit test of the guest's decimal printing (../lib.c), on the host: the
 * guest has no libgcc, so its 64-bit numbers are divided by ten in 16-bit
 * steps; here each is checked against the C library's printf.
 */
#include <stdio.h>
#include <string.h>

#include "../lib.h"

static int passed, failed;

static void check_dec(long long v)
{
	struct text t = { "", 0 };
	char want[32];

	text_dec(&t, v);
	snprintf(want, sizeof(want), "%lld", v);
	if (!strcmp(t.s, want)) {
		passed++;
	} else {
		failed++;
		printf("not ok text_dec(%s) printed '%s'\n", want, t.s);
	}
}

int main(void)
{
	static const long long edges[] = {
		0, 1, 9, 10, 65535, 65536, 655359, 655360,
		4294967295LL, 4294967296LL, 4294967297LL, 42949672950LL,
		5000000000LL, 281474976710655LL, 281474976710656LL,
		999999999999999999LL, 1000000000000000000LL,
		9223372036854775807LL, -1, -4294967296LL,
		-9223372036854775807LL - 1,
	};
	unsigned long long x = 1;
	unsigned int i;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_dec(edges[i]);
	/* Every power of two and its neighbours, and a spread of others. */
	for (i = 0; i < 63; i++) {
		check_dec((long long)(1ULL << i) - 1);
		check_dec((long long)(1ULL << i));
		check_dec((long long)(1ULL << i) + 1);
	}
	for (i = 0; i < 100000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		check_dec((long long)(x >> (i % 40)));
	}
	printf("ok text_dec: %d values as printf prints them\n", passed);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
