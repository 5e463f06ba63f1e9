/**
 * Three questions a journalist asks first, as SQL on the views: the demo prints their answers
 * and the README shows them as examples.
 */
export interface Question {
  question: string;
  sql: string;
}

export const JOURNALIST_QUESTIONS: readonly Question[] = [
  {
    question: 'Which agencies received the most information-disclosure applications? (本年新收申请数量)',
    sql: `SELECT agency, year, received, granted, grant_rate
FROM application_volumes
WHERE received IS NOT NULL
ORDER BY received DESC, agency, year
LIMIT 5`,
  },
  {
    question: 'What is the most common reason applications are not granted? (不予公开 / 无法提供 / 不予处理)',
    sql: `SELECT l.label_zh AS reason, r.category, sum(r.count) AS applications, count(DISTINCT r.agency) FILTER (WHERE r.count > 0) AS agencies
FROM refusal_reasons r
JOIN labels l ON l.dimension = 'application_row' AND l.key = r.reason
GROUP BY l.label_zh, r.category
HAVING sum(r.count) > 0
ORDER BY applications DESC, reason
LIMIT 5`,
  },
  {
    question: 'Which agencies publish figures that do not add up? (勾稽关系)',
    sql: `SELECT agency, year, check_id, detail
FROM failed_checks
ORDER BY agency, year, check_id`,
  },
];
