-- The views people query. Every view reads only the current version of each report
-- (reports.is_current); figures come from the 总计 (total) column of table 3.
-- "As of" computations (missing reports, coverage) use the session variable as_of when it is
-- set (SET VARIABLE as_of = DATE '2025-06-30'; `nianbao status --as-of`), else today's date.

-- The current version of every report, with its agency's level and region, its deadline, the
-- date it was first published (over all versions: a correction published after the deadline
-- does not make an on-time report late) and how many of its checks fail.
CREATE OR REPLACE VIEW current_reports AS
SELECT
  r.report_id, r.site_id, r.agency, r.year, r.version, r.title, r.url, r.published,
  r.template, r.parser_version, r.source_url, r.source_format, r.source_sha256, r.confidence,
  a.level, a.region, coalesce(a.configured, false) AS configured,
  make_date(r.year + 1, d.due_month, d.due_day) AS deadline,
  (SELECT min(p.published) FROM reports p WHERE p.agency = r.agency AND p.year = r.year) AS first_published,
  (SELECT count(*) FROM checks c WHERE c.report_id = r.report_id AND c.ok = false) AS checks_failed
FROM reports r
LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
LEFT JOIN deadlines d ON d.level = coalesce(a.level, 'unknown') AND r.year BETWEEN d.from_year AND d.to_year
WHERE r.is_current;

-- One row per agency and year: table 3 in a row, with the grant rates.
-- denied = the eight 不予公开 reasons; unable_to_provide = 无法提供; not_processed = 不予处理;
-- other = （六）其他处理 (its one row, or the sum of its three sub-rows).
-- grant_rate = granted / total_processed; grant_or_partial_rate = (granted + partially_granted) / total_processed.
CREATE OR REPLACE VIEW application_volumes AS
WITH t AS (
  SELECT
    a.report_id,
    max(a.count) FILTER (WHERE a.row_key = 'new_received') AS received,
    max(a.count) FILTER (WHERE a.row_key = 'carried_over') AS carried_over,
    max(a.count) FILTER (WHERE a.row_key = 'granted') AS granted,
    max(a.count) FILTER (WHERE a.row_key = 'partially_granted') AS partially_granted,
    sum(a.count) FILTER (WHERE l.group_key = 'denied') AS denied,
    max(a.count) FILTER (WHERE a.row_key = 'denied_state_secret') AS denied_state_secret,
    max(a.count) FILTER (WHERE a.row_key = 'denied_prohibited_by_law') AS denied_prohibited_by_law,
    max(a.count) FILTER (WHERE a.row_key = 'denied_three_safeties') AS denied_three_safeties,
    max(a.count) FILTER (WHERE a.row_key = 'denied_third_party') AS denied_third_party,
    max(a.count) FILTER (WHERE a.row_key = 'denied_internal_affairs') AS denied_internal_affairs,
    max(a.count) FILTER (WHERE a.row_key = 'denied_process_info') AS denied_process_info,
    max(a.count) FILTER (WHERE a.row_key = 'denied_enforcement_file') AS denied_enforcement_file,
    max(a.count) FILTER (WHERE a.row_key = 'denied_query_matter') AS denied_query_matter,
    sum(a.count) FILTER (WHERE l.group_key = 'unable') AS unable_to_provide,
    sum(a.count) FILTER (WHERE l.group_key = 'rejected') AS not_processed,
    coalesce(max(a.count) FILTER (WHERE a.row_key = 'other'), sum(a.count) FILTER (WHERE l.group_key = 'other' AND a.row_key <> 'other')) AS other,
    max(a.count) FILTER (WHERE a.row_key = 'total_processed') AS total_processed,
    max(a.count) FILTER (WHERE a.row_key = 'carried_forward') AS carried_forward
  FROM applications a
  JOIN labels l ON l.dimension = 'application_row' AND l.key = a.row_key
  WHERE a.applicant_type = 'total'
    AND a.report_id IN (SELECT report_id FROM reports WHERE is_current)
  GROUP BY a.report_id
)
SELECT
  c.agency, c.year, c.level, c.region, c.site_id, c.template,
  t.received, t.carried_over, t.granted, t.partially_granted,
  t.denied, t.denied_state_secret, t.denied_prohibited_by_law, t.denied_three_safeties, t.denied_third_party,
  t.denied_internal_affairs, t.denied_process_info, t.denied_enforcement_file, t.denied_query_matter,
  t.unable_to_provide, t.not_processed, t.other, t.total_processed, t.carried_forward,
  round(t.granted / nullif(t.total_processed, 0), 4) AS grant_rate,
  round((t.granted + t.partially_granted) / nullif(t.total_processed, 0), 4) AS grant_or_partial_rate,
  c.report_id
FROM current_reports c
LEFT JOIN t ON t.report_id = c.report_id
ORDER BY c.agency, c.year;

-- Long form: agency × year × reason × count, for every way an application was not granted:
-- category denied (不予公开), unable (无法提供) or rejected (不予处理).
CREATE OR REPLACE VIEW refusal_reasons AS
SELECT
  c.agency, c.year, c.level, c.region,
  l.group_key AS category, g.label_zh AS category_zh,
  a.row_key AS reason, l.label_zh AS reason_zh, l.label_en AS reason_en,
  a.count, c.report_id
FROM current_reports c
JOIN applications a ON a.report_id = c.report_id AND a.applicant_type = 'total'
JOIN labels l ON l.dimension = 'application_row' AND l.key = a.row_key
JOIN labels g ON g.dimension = 'application_group' AND g.key = l.group_key
WHERE l.group_key IN ('denied', 'unable', 'rejected')
ORDER BY c.agency, c.year, l.ordinal;

-- Administrative reviews and lawsuits by outcome: one row per agency, year and proceeding.
CREATE OR REPLACE VIEW litigation AS
SELECT
  c.agency, c.year, c.level, c.region,
  rl.proceeding, any_value(l.label_zh) AS proceeding_zh,
  max(rl.count) FILTER (WHERE rl.outcome = 'upheld') AS upheld,
  max(rl.count) FILTER (WHERE rl.outcome = 'corrected') AS corrected,
  max(rl.count) FILTER (WHERE rl.outcome = 'other') AS other,
  max(rl.count) FILTER (WHERE rl.outcome = 'pending') AS pending,
  max(rl.count) FILTER (WHERE rl.outcome = 'total') AS total,
  c.report_id
FROM current_reports c
JOIN review_litigation rl ON rl.report_id = c.report_id
JOIN labels l ON l.dimension = 'proceeding' AND l.key = rl.proceeding
GROUP BY c.agency, c.year, c.level, c.region, rl.proceeding, l.ordinal, c.report_id
ORDER BY c.agency, c.year, l.ordinal;

-- Every configured agency × expected reporting year, with its deadline and whether any version
-- of a report for it was found (on any site).
CREATE OR REPLACE VIEW expected_reports AS
SELECT DISTINCT ON (e.agency, e.year)
  e.site_id, e.agency, e.level, e.region, e.year,
  make_date(e.year + 1, d.due_month, d.due_day) AS deadline,
  EXISTS (SELECT 1 FROM reports r WHERE r.agency = e.agency AND r.year = e.year) AS reported
FROM (SELECT site_id, name AS agency, level, region, unnest(expected_years) AS year FROM agencies WHERE configured) e
JOIN deadlines d ON d.level = coalesce(e.level, 'unknown') AND e.year BETWEEN d.from_year AND d.to_year
ORDER BY e.agency, e.year, e.site_id;

-- Expected reports with no report whose deadline has passed as of the as_of date.
CREATE OR REPLACE VIEW missing_reports AS
WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of)
SELECT e.site_id, e.agency, e.level, e.region, e.year, e.deadline, p.as_of, (p.as_of - e.deadline) AS days_overdue
FROM expected_reports e, p
WHERE NOT e.reported AND e.deadline < p.as_of
ORDER BY e.year, e.agency;

-- Reports first published after their deadline (31 January of the following year for
-- departments, 31 March for governments' own reports; see the deadlines table).
CREATE OR REPLACE VIEW late_reports AS
SELECT
  c.agency, c.year, c.level, c.region, c.first_published AS published, c.deadline,
  (c.first_published - c.deadline) AS days_late, c.title, c.url, c.report_id
FROM current_reports c
WHERE c.first_published > c.deadline
ORDER BY days_late DESC, c.agency, c.year;

-- Reports whose figures do not add up: one row per failed check, with its detail.
CREATE OR REPLACE VIEW failed_checks AS
SELECT c.agency, c.year, c.level, c.region, ch.check_id, ch.detail, c.title, c.source_url, c.report_id
FROM current_reports c
JOIN checks ch ON ch.report_id = c.report_id
WHERE ch.ok = false
ORDER BY c.agency, c.year, ch.check_id;

-- Coverage by reporting year and level: expected (configured agency-years), reported, missing
-- (overdue), not yet due, reports loaded (including agencies not in the configuration),
-- late reports and reports with failing checks.
CREATE OR REPLACE VIEW coverage AS
WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of),
expected AS (
  SELECT e.year, coalesce(e.level, 'unknown') AS level,
    count(*) AS expected,
    count(*) FILTER (WHERE e.reported) AS reported,
    count(*) FILTER (WHERE NOT e.reported AND e.deadline < p.as_of) AS missing,
    count(*) FILTER (WHERE NOT e.reported AND e.deadline >= p.as_of) AS not_yet_due
  FROM expected_reports e, p
  GROUP BY ALL
),
loaded AS (
  SELECT c.year, coalesce(c.level, 'unknown') AS level,
    count(*) AS reports,
    count(*) FILTER (WHERE NOT c.configured) AS unlisted,
    count(*) FILTER (WHERE c.first_published > c.deadline) AS late,
    count(*) FILTER (WHERE c.checks_failed > 0) AS failing_checks
  FROM current_reports c
  GROUP BY ALL
)
SELECT
  year, level,
  coalesce(expected, 0) AS expected, coalesce(reported, 0) AS reported,
  coalesce(missing, 0) AS missing, coalesce(not_yet_due, 0) AS not_yet_due,
  coalesce(reports, 0) AS reports, coalesce(unlisted, 0) AS unlisted,
  coalesce(late, 0) AS late, coalesce(failing_checks, 0) AS failing_checks
FROM expected FULL JOIN loaded USING (year, level)
ORDER BY year, level;
