/*
 * records_sql: prints the records database's schema, BRIEFING_RECORDS_SQL
 * of include/briefing/records.h, its one source.  The build runs it to
 * write share/briefing/records-schema.sql, the file users make a database
 * with by hand.
 */
#include <stdio.h>

#include <briefing/records.h>

int main(void)
{
    return fputs(BRIEFING_RECORDS_SQL, stdout) == EOF || fflush(stdout) != 0;
}
