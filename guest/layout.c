#include "layout.h"
#include "lib.h"
#include "sys.h"

#define MAX_VALUES		32

static struct {
	char key[32];
	unsigned long value;
} values[MAX_VALUES];
static int nr_values;

int layout_read(void)
{
	static const char marker[] = "layout: ";
	const char *line, *p;
	size_t len;

	for (line = kernel_log(); line && *line && nr_values < MAX_VALUES; line = next_line(line)) {
		/* Lines carry a "<6>" level prefix in the raw log. */
		for (p = line; *p && *p != '\n' && strncmp(p, marker, 8); p++)
			;
		if (strncmp(p, marker, 8))
			continue;
		p += 8;
		for (len = 0; p[len] && p[len] != '=' && p[len] != '\n'; len++)
			;
		if (p[len] != '=' || len >= sizeof(values[0].key))
			continue;
		memcpy(values[nr_values].key, p, len);
		values[nr_values].key[len] = '\0';
		p += len + 1;
		if (p[0] == '0' && p[1] == 'x')
			values[nr_values].value = parse_num(p + 2, 16, 0);
		else
			values[nr_values].value = parse_num(p, 10, 0);
		nr_values++;
	}
	return nr_values;
}

int layout_get(const char *key, unsigned long *value)
{
	int i;

	for (i = 0; i < nr_values; i++)
		if (!strcmp(values[i].key, key)) {
			*value = values[i].value;
			return 1;
		}
	return 0;
}
