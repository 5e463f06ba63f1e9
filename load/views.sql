-- The views people query. Every view reads only the current version of each report
-- (reports.is_current; as of a date, the version current then: current_versions); figures come from the 总计 (total) column of table 3.
-- "As of" computations (expected, missing and late reports, coverage) use the session variable
-- as_of when it is set (SET VARIABLE as_of = DATE '2025-06-30'; `--as-of` of status, query and
-- export), else today's date. As of a date, a report first published after it counts as not yet
-- published (not reported, not late); a report whose publication date is unknown counts as
-- published (see unknown_publication_date): nianbao does not call an agency late on a guess.

-- The version of each report the views read: reports.is_current, or as of a date (as_of set),
-- the version that was current on that date. A version is visible from its publication date; a
-- later version that prints no later date than the version before it (a silent correction, or
-- no date) is visible from the day the crawler found it; a first version of unknown date is
-- visible (as for expected_reports). Among the
-- versions visible on the date, the loader's rule picks one (load/writer.ts): within a site the
-- latest version, across sites the latest published, then the latest found.
CREATE OR REPLACE VIEW current_versions AS
SELECT report_id, site_id, agency, year, version FROM reports WHERE is_current AND getvariable('as_of') IS NULL
UNION ALL
SELECT report_id, site_id, agency, year, version FROM (
  SELECT *, row_number() OVER (PARTITION BY agency, year ORDER BY latest_on_site DESC, published DESC NULLS LAST, found_at DESC NULLS LAST, site_id, version DESC) AS rn
  FROM (
    SELECT *, version = max(version) OVER (PARTITION BY site_id, agency, year) AS latest_on_site
    FROM (
      SELECT report_id, site_id, agency, year, version, published, found_at,
        CASE WHEN version = 1 OR published > lag(published) OVER (PARTITION BY site_id, agency, year ORDER BY version) THEN published
             ELSE coalesce(CAST(found_at AS DATE), published) END AS visible_from
      FROM reports
      WHERE getvariable('as_of') IS NOT NULL
    )
    WHERE coalesce(visible_from <= getvariable('as_of')::DATE, true)
  )
)
WHERE rn = 1;

-- The current version of every report, with its agency's level and region, its deadline, the
-- date it was first published (over all versions: a correction published after the deadline
-- does not make an on-time report late) and how many of its checks fail.
CREATE OR REPLACE VIEW current_reports AS
SELECT
  r.report_id, r.site_id, r.agency, r.year, r.version, r.title, r.url, r.published,
  r.template, r.parser_version, r.source_url, r.source_format, r.source_sha256, r.confidence,
  a.level, a.region, coalesce(a.configured, false) AS configured,
  make_date(r.year + 1, d.due_month, d.due_day) AS deadline,
  r.first_published,
  coalesce(f.failed, 0) AS checks_failed,
  r.reading_confidence
FROM (SELECT *, min(published) OVER (PARTITION BY agency, year) AS first_published FROM reports) r
LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
LEFT JOIN deadlines d ON d.level = coalesce(a.level, 'unknown') AND r.year BETWEEN d.from_year AND d.to_year
LEFT JOIN (SELECT report_id, count(*) AS failed FROM checks WHERE ok = false GROUP BY report_id) f ON f.report_id = r.report_id
WHERE r.report_id IN (SELECT report_id FROM current_versions);

-- One row per agency and year: table 3's 总计 column in a row, with the grant rates.
-- denied = the eight 不予公开 reasons; unable_to_provide = 无法提供; not_processed = 不予处理;
-- other = （六）其他处理 (its one row, or the sum of its three sub-rows). A sum is null only when
-- every row it adds is null (not printed).
-- grant_rate = granted / total_processed: the share of the applications the agency answered this
-- year (总计, its denominator: granted + partially granted + denied + unable to provide + not
-- processed + other) that it granted in full; null when total_processed is 0 or not printed.
-- grant_or_partial_rate = (granted + partially_granted) / total_processed.
-- The last columns cite the number without a join: the level's Chinese name, the report's page,
-- its document and publication date.
CREATE OR REPLACE VIEW application_volumes AS
SELECT
  r.agency, r.year, a.level, a.region, r.site_id, r.template,
  t.new_received AS received, t.carried_over, t.granted, t.partially_granted,
  CAST(list_sum([t.denied_state_secret, t.denied_prohibited_by_law, t.denied_three_safeties, t.denied_third_party,
                 t.denied_internal_affairs, t.denied_process_info, t.denied_enforcement_file, t.denied_query_matter]) AS INTEGER) AS denied,
  t.denied_state_secret, t.denied_prohibited_by_law, t.denied_three_safeties, t.denied_third_party,
  t.denied_internal_affairs, t.denied_process_info, t.denied_enforcement_file, t.denied_query_matter,
  CAST(list_sum([t.unable_not_held, t.unable_needs_creation, t.unable_unclear]) AS INTEGER) AS unable_to_provide,
  CAST(list_sum([t.rejected_petition, t.rejected_duplicate, t.rejected_publication, t.rejected_massive_repeat, t.rejected_confirm_reissue]) AS INTEGER) AS not_processed,
  coalesce(t.other, CAST(list_sum([t.other_overdue_correction, t.other_overdue_fee, t.other_other]) AS INTEGER)) AS other,
  t.total_processed, t.carried_forward,
  round(t.granted / nullif(t.total_processed, 0), 4) AS grant_rate,
  round((t.granted + t.partially_granted) / nullif(t.total_processed, 0), 4) AS grant_or_partial_rate,
  r.report_id,
  lv.label_zh AS level_zh, r.url, r.source_url, r.published, r.reading_confidence
FROM reports r
LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
LEFT JOIN application_totals t ON t.report_id = r.report_id
LEFT JOIN labels lv ON lv.dimension = 'level' AND lv.key = coalesce(a.level, 'unknown')
WHERE r.report_id IN (SELECT report_id FROM current_versions)
ORDER BY r.agency, r.year;

-- Long form: agency × year × reason × count (the 总计 column), for every way an application was
-- not granted: category denied (不予公开), unable (无法提供) or rejected (不予处理); one row per
-- reason the report gives a number for. Unordered, and narrow on purpose (it is the largest
-- view: 16 rows per report); the Chinese names of level, category and reason are its last
-- columns (English ones in labels, dimension application_row, key = reason). The three lists below are parallel: row i of each is one
-- reason (test/load/views.test.ts checks them against labels).
CREATE OR REPLACE VIEW refusal_reasons AS
SELECT x.agency, x.year, x.level, x.category, x.reason, x.count, x.report_id,
  x.region, lv.label_zh AS level_zh, lc.label_zh AS category_zh, lr.label_zh AS reason_zh, x.url, x.source_url, x.reading_confidence
FROM (
  SELECT
    r.agency, r.year, a.level, r.report_id, a.region, r.url, r.source_url, r.reading_confidence,
    unnest(['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'denied',
           'unable', 'unable', 'unable',
           'rejected', 'rejected', 'rejected', 'rejected', 'rejected']) AS category,
    unnest(['denied_state_secret', 'denied_prohibited_by_law', 'denied_three_safeties', 'denied_third_party', 'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_query_matter',
           'unable_not_held', 'unable_needs_creation', 'unable_unclear',
           'rejected_petition', 'rejected_duplicate', 'rejected_publication', 'rejected_massive_repeat', 'rejected_confirm_reissue']) AS reason,
    unnest([t.denied_state_secret, t.denied_prohibited_by_law, t.denied_three_safeties, t.denied_third_party, t.denied_internal_affairs, t.denied_process_info, t.denied_enforcement_file, t.denied_query_matter,
           t.unable_not_held, t.unable_needs_creation, t.unable_unclear,
           t.rejected_petition, t.rejected_duplicate, t.rejected_publication, t.rejected_massive_repeat, t.rejected_confirm_reissue]) AS count
  FROM reports r
  JOIN application_totals t ON t.report_id = r.report_id
  LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
  WHERE r.report_id IN (SELECT report_id FROM current_versions)
) x
LEFT JOIN labels lv ON lv.dimension = 'level' AND lv.key = coalesce(x.level, 'unknown')
LEFT JOIN labels lc ON lc.dimension = 'application_group' AND lc.key = x.category
LEFT JOIN labels lr ON lr.dimension = 'application_row' AND lr.key = x.reason
WHERE x.count IS NOT NULL;

-- Administrative reviews and lawsuits by outcome: one row per agency, year and proceeding
-- (review, litigation_direct, litigation_after_review). Unordered.
CREATE OR REPLACE VIEW litigation AS
WITH current AS (
  SELECT r.report_id, r.agency, r.year, a.level, a.region, r.url, r.source_url, lv.label_zh AS level_zh, r.reading_confidence
  FROM reports r
  LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
  LEFT JOIN labels lv ON lv.dimension = 'level' AND lv.key = coalesce(a.level, 'unknown')
  WHERE r.report_id IN (SELECT report_id FROM current_versions)
),
pivoted AS (
  SELECT report_id, proceeding,
    max(count) FILTER (WHERE outcome = 'upheld') AS upheld,
    max(count) FILTER (WHERE outcome = 'corrected') AS corrected,
    max(count) FILTER (WHERE outcome = 'other') AS other,
    max(count) FILTER (WHERE outcome = 'pending') AS pending,
    max(count) FILTER (WHERE outcome = 'total') AS total
  FROM review_litigation
  GROUP BY report_id, proceeding
)
SELECT
  c.agency, c.year, c.level, c.region, p.proceeding, l.label_zh AS proceeding_zh,
  p.upheld, p.corrected, p.other, p.pending, p.total, c.report_id, c.level_zh, c.url, c.source_url, c.reading_confidence
FROM current c
JOIN pivoted p ON p.report_id = c.report_id
JOIN (SELECT key, label_zh FROM labels WHERE dimension = 'proceeding') l ON l.key = p.proceeding;

-- Every configured agency × expected reporting year, with its deadline and whether a report for
-- it was found (on any site) and published by the as_of date (or of unknown date).
CREATE OR REPLACE VIEW expected_reports AS
WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of),
e AS (
  -- an agency configured on two sites is expected once
  SELECT agency, year, min(site_id) AS site_id, min(level) AS level, min(region) AS region
  FROM (SELECT site_id, name AS agency, level, region, unnest(expected_years) AS year FROM agencies WHERE configured)
  GROUP BY agency, year
),
found AS (SELECT DISTINCT agency, year FROM reports, p WHERE coalesce(published <= p.as_of, true))
SELECT
  e.site_id, e.agency, e.level, e.region, e.year,
  make_date(e.year + 1, d.due_month, d.due_day) AS deadline,
  f.agency IS NOT NULL AS reported
FROM e
JOIN deadlines d ON d.level = coalesce(e.level, 'unknown') AND e.year BETWEEN d.from_year AND d.to_year
LEFT JOIN found f ON f.agency = e.agency AND f.year = e.year;

-- The latest crawl outcome of every site (configured or crawled): status ok, robots,
-- js-challenge, failed, nothing-found, interrupted, or not-crawled when no crawl of it is on
-- record; with the run's counts, how many runs there were and when the site last crawled ok.
CREATE OR REPLACE VIEW crawl_health AS
WITH ids AS (SELECT site_id FROM sites UNION SELECT site_id FROM crawl_runs),
runs AS (
  SELECT site_id, count(*) AS runs, max(finished_at) FILTER (WHERE status = 'ok') AS last_ok_at,
    arg_max(run_id, run_id) AS run_id
  FROM crawl_runs GROUP BY site_id
)
SELECT
  i.site_id, s.agency, coalesce(c.status, 'not-crawled') AS status,
  c.started_at, c.finished_at, c.pages, c.requests, c.rendered, c.reports_found, c.errors, c.held_back, c.stopped_by,
  coalesce(r.runs, 0) AS runs, r.last_ok_at, c.run_id
FROM ids i
LEFT JOIN sites s ON s.site_id = i.site_id
LEFT JOIN runs r ON r.site_id = i.site_id
LEFT JOIN crawl_runs c ON c.site_id = r.site_id AND c.run_id = r.run_id
ORDER BY i.site_id;

-- Expected reports with no report whose deadline has passed as of the as_of date, with the reason
-- nothing was found. Only the last two reasons say something about the agency; the first two are
-- about nianbao's view of its site (filter them out for a list of agencies that did not publish:
-- WHERE reason IN ('nothing-found-on-site', 'other-years-found')):
--   site-not-crawled       no crawl of the site is on record (and no report from it);
--   site-blocked           the site's last finished crawl was refused (robots.txt, an anti-bot
--                          challenge), failed, or ran out of its budget before any report:
--                          nothing could be looked at, or the look was not finished;
--   nothing-found-on-site  the site was crawled and has no report of this agency for any year;
--   other-years-found      the agency's reports for other years were found, not this one.
CREATE OR REPLACE VIEW missing_reports AS
WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of),
outcome AS (
  -- an interrupted run says nothing about a site: its last finished run does
  SELECT site_id, arg_max(status, run_id) AS status FROM crawl_runs WHERE status <> 'interrupted' GROUP BY site_id
),
site_reports AS (SELECT DISTINCT site_id FROM reports),
agency_reports AS (SELECT DISTINCT agency FROM reports)
SELECT e.site_id, e.agency, e.level, e.region, e.year, e.deadline, p.as_of, (p.as_of - e.deadline) AS days_overdue,
  CASE
    WHEN o.status IN ('robots', 'js-challenge', 'failed') THEN 'site-blocked'
    WHEN o.status IS NULL AND sr.site_id IS NULL THEN 'site-not-crawled'
    WHEN ar.agency IS NOT NULL THEN 'other-years-found'
    ELSE 'nothing-found-on-site'
  END AS reason
FROM expected_reports e
CROSS JOIN p
LEFT JOIN outcome o ON o.site_id = e.site_id
LEFT JOIN site_reports sr ON sr.site_id = e.site_id
LEFT JOIN agency_reports ar ON ar.agency = e.agency
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
  -- as of a date, a report published after it is not late yet: it is missing
  AND c.first_published <= coalesce(getvariable('as_of')::DATE, current_date)
ORDER BY days_late DESC, c.agency, c.year;

-- Current reports whose publication date is unknown: neither the report's page nor the list
-- that linked it printed one. They count as published for expected_reports and cannot be late.
CREATE OR REPLACE VIEW unknown_publication_date AS
SELECT c.site_id, c.agency, c.year, c.level, c.title, c.url, r.found_at, c.report_id
FROM current_reports c
JOIN reports r ON r.report_id = c.report_id
WHERE c.first_published IS NULL
ORDER BY c.agency, c.year;

-- Reports whose figures do not add up: one row per failed check, with its detail.
CREATE OR REPLACE VIEW failed_checks AS
SELECT c.agency, c.year, c.level, c.region, ch.check_id, ch.detail, c.title, c.source_url, c.report_id, c.reading_confidence
FROM current_reports c
JOIN checks ch ON ch.report_id = c.report_id
WHERE ch.ok = false
ORDER BY c.agency, c.year, ch.check_id;

-- Coverage by reporting year and level: expected (configured agency-years), reported, missing
-- (overdue; `missing` = the site was crawled and no report found, `not_looked_at` = its site was
-- blocked or not crawled, so nothing is known), not yet due, reports loaded (including agencies
-- not in the configuration), late reports and reports with failing checks; all as of as_of.
CREATE OR REPLACE VIEW coverage AS
WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of),
expected AS (
  SELECT e.year, coalesce(e.level, 'unknown') AS level,
    count(*) AS expected,
    count(*) FILTER (WHERE e.reported) AS reported,
    count(*) FILTER (WHERE NOT e.reported AND e.deadline >= p.as_of) AS not_yet_due
  FROM expected_reports e, p
  GROUP BY ALL
),
missing AS (
  SELECT year, coalesce(level, 'unknown') AS level,
    count(*) FILTER (WHERE reason IN ('nothing-found-on-site', 'other-years-found')) AS missing,
    count(*) FILTER (WHERE reason IN ('site-blocked', 'site-not-crawled')) AS not_looked_at
  FROM missing_reports
  GROUP BY ALL
),
loaded AS (
  SELECT c.year, coalesce(c.level, 'unknown') AS level,
    count(*) AS reports,
    count(*) FILTER (WHERE NOT c.configured) AS unlisted,
    count(*) FILTER (WHERE c.first_published > c.deadline AND c.first_published <= p.as_of) AS late,
    count(*) FILTER (WHERE c.checks_failed > 0) AS failing_checks
  FROM current_reports c, p
  WHERE coalesce(c.first_published <= p.as_of, true)
  GROUP BY ALL
)
SELECT
  year, level,
  coalesce(expected, 0) AS expected, coalesce(reported, 0) AS reported,
  coalesce(missing, 0) AS missing, coalesce(not_looked_at, 0) AS not_looked_at, coalesce(not_yet_due, 0) AS not_yet_due,
  coalesce(reports, 0) AS reports, coalesce(unlisted, 0) AS unlisted,
  coalesce(late, 0) AS late, coalesce(failing_checks, 0) AS failing_checks
FROM expected FULL JOIN missing USING (year, level) FULL JOIN loaded USING (year, level)
ORDER BY year, level;

-- Year-over-year anomalies: per agency and figure, the series over the years and what stands
-- out in it. Figures: table 3's 总计 column (key applications.<row>[6], as in cells), table 4's
-- totals (review_litigation.<proceeding>.total) and table 2's numbers
-- (active_disclosure.<row>.<field>). Flags, each with both years' values and report ids:
--   swing         ×5 or ÷5 from the previous report, with a change of at least 20;
--   drop_to_zero  0 after three non-zero years in a row;
--   copied        a whole table (key = applications / review_litigation / active_disclosure)
--                 identical in every cell to the previous year's, not all zero;
--   continuity    this year's 上年结转 (carried_over) differs from last year's 结转下年度继续办理
--                 (carried_forward) (key applications.carried_over[6]; previous year = year - 1).
-- strength orders them: the size of the change (copied: the number of cells copied).
CREATE OR REPLACE VIEW anomalies AS
WITH cur AS (SELECT report_id, agency, year FROM current_versions),
figures AS (
  SELECT c.agency, c.year, c.report_id, 'applications' AS tbl, 'applications.' || u.row_key || '[6]' AS key, u.value::DOUBLE AS value
  FROM cur c JOIN (UNPIVOT application_totals ON COLUMNS(* EXCLUDE (report_id)) INTO NAME row_key VALUE value) u USING (report_id)
  UNION ALL
  SELECT c.agency, c.year, c.report_id, 'review_litigation', 'review_litigation.' || v.proceeding || '.total', v.count::DOUBLE
  FROM cur c JOIN review_litigation v USING (report_id) WHERE v.outcome = 'total' AND v.count IS NOT NULL
  UNION ALL
  SELECT c.agency, c.year, c.report_id, 'active_disclosure', 'active_disclosure.' || d.row_key || '.' || d.field, d.value
  FROM cur c JOIN active_disclosure d USING (report_id) WHERE d.value IS NOT NULL
),
counted AS (SELECT *, count(*) OVER (PARTITION BY report_id, tbl) AS tbl_cells FROM figures),
series AS (
  SELECT *,
    lag(year) OVER w AS prev_year, lag(value) OVER w AS prev_value, lag(report_id) OVER w AS prev_report_id, lag(tbl_cells) OVER w AS prev_tbl_cells,
    lag(value, 2) OVER w AS prev2_value, lag(value, 3) OVER w AS prev3_value, lag(year, 3) OVER w AS prev3_year
  FROM counted
  WINDOW w AS (PARTITION BY agency, key ORDER BY year)
),
flagged AS (
  SELECT agency, key, 'swing' AS flag, year, value, prev_year, prev_value, report_id, prev_report_id, abs(value - prev_value) AS strength
  FROM series
  WHERE prev_value IS NOT NULL AND abs(value - prev_value) >= 20 AND (value >= 5 * prev_value OR prev_value >= 5 * value)
  UNION ALL
  SELECT agency, key, 'drop_to_zero', year, value, prev_year, prev_value, report_id, prev_report_id, prev_value
  FROM series
  WHERE value = 0 AND prev_value > 0 AND prev2_value > 0 AND prev3_value > 0 AND prev3_year = year - 3
  UNION ALL
  SELECT agency, tbl, 'copied', year, NULL, prev_year, NULL, report_id, prev_report_id, count(*)
  FROM series
  WHERE prev_report_id IS NOT NULL
  GROUP BY agency, tbl, year, prev_year, report_id, prev_report_id
  HAVING count(*) FILTER (WHERE value IS DISTINCT FROM prev_value) = 0 AND max(abs(value)) > 0
     AND count(*) = min(prev_tbl_cells)
  UNION ALL
  SELECT o.agency, o.key, 'continuity', o.year, o.value, f.year, f.value, o.report_id, f.report_id, abs(o.value - f.value)
  FROM series o
  JOIN series f ON f.agency = o.agency AND f.key = 'applications.carried_forward[6]' AND f.year = o.year - 1
  WHERE o.key = 'applications.carried_over[6]' AND o.value IS DISTINCT FROM f.value
),
-- each flagged figure's whole series, built only for those (a whole-partition list window over
-- every figure was nine tenths of this view's time)
lists AS (
  SELECT agency, key, list({'year': year, 'value': value} ORDER BY year) AS series
  FROM figures
  WHERE (agency, key) IN (SELECT agency, key FROM flagged)
  GROUP BY agency, key
)
SELECT x.agency, x.key, x.flag, x.year, x.value, x.prev_year, x.prev_value, x.strength, x.report_id, x.prev_report_id, l.series
FROM flagged x LEFT JOIN lists l ON l.agency = x.agency AND l.key = x.key
ORDER BY x.agency, x.key, x.year, x.flag;
