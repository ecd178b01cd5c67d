-- 017_report.sql: the annual report (issue 13, item 3) counts a year's
-- exchanges by kind, field and unit. This index holds those columns after
-- the day, so that the count reads the year's range of the index alone
-- (no row of the table): 1,000,000 exchanges, a year of 37,000 of them,
-- counted in a few hundredths of a second (bench/report.bench.js). It
-- replaces exchange_day (same first column): every query that used that
-- one uses this, and an import still writes one index for the day.
DROP INDEX exchange_day;
CREATE INDEX exchange_day ON exchange(day_mid, kind, fields, unit_id);
