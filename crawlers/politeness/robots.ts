/**
 * robots.txt (RFC 9309): the group for our user-agent token (else `*`), Allow/Disallow with the
 * longest match winning and Allow winning a tie, `*` and `$` in patterns. Shunyi's real file is
 * `Disallow: /` for everyone; another site disallows `/module/` (its jcms dataproxy).
 */

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

/** Turns a robots pattern into a regex anchored at the path start. */
function patternToRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encodes what a browser would, so `/a b` and `/a%20b` compare equal. */
function normalisePath(path: string): string {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return path;
  }
}

export class RobotsRules {
  private constructor(private readonly groups: Map<string, Rule[]>) {}

  /** Rules that allow everything (no robots.txt, or a 4xx for it). */
  static allowAll(): RobotsRules {
    return new RobotsRules(new Map());
  }

  /** Rules that forbid everything (robots.txt unreachable: RFC 9309 §2.3.1.4). */
  static disallowAll(): RobotsRules {
    return new RobotsRules(new Map([['*', [{ allow: false, pattern: '/', regex: /^\// }]]]));
  }

  static parse(text: string): RobotsRules {
    const groups = new Map<string, Rule[]>();
    let agents: string[] = [];
    let lastWasAgent = false;
    for (const rawLine of text.split(/\r?\n|\r/)) {
      const line = rawLine.replace(/#.*$/, '').trim();
      const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      const field = m[1]!.toLowerCase();
      const value = m[2]!.trim();
      if (field === 'user-agent') {
        if (!lastWasAgent) agents = [];
        agents.push(value.toLowerCase());
        for (const a of agents) if (!groups.has(a)) groups.set(a, []);
        lastWasAgent = true;
        continue;
      }
      lastWasAgent = false;
      if ((field === 'allow' || field === 'disallow') && agents.length) {
        // An empty Disallow allows everything; it adds no rule.
        if (!value) continue;
        const pattern = normalisePath(value);
        for (const a of agents) groups.get(a)!.push({ allow: field === 'allow', pattern, regex: patternToRegex(pattern) });
      }
    }
    return new RobotsRules(groups);
  }

  /** The rules for `userAgent`: the group named by its product token (`nianbao` of `nianbao/0.1 (…)`), else `*`. */
  private rulesFor(userAgent: string): Rule[] {
    const product = userAgent.trim().toLowerCase().split(/[/\s]/)[0] ?? '';
    return this.groups.get(product) ?? this.groups.get('*') ?? [];
  }

  /** True when `url` (absolute, or a path with query) may be fetched by `userAgent`. */
  isAllowed(url: string, userAgent: string): boolean {
    const u = new URL(url, 'http://robots.invalid');
    const path = normalisePath(u.pathname + u.search);
    if (path === '/robots.txt') return true;
    let best: Rule | null = null;
    for (const rule of this.rulesFor(userAgent)) {
      if (!rule.regex.test(path)) continue;
      const longer = !best || rule.pattern.length > best.pattern.length;
      const tieAllow = best && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
      if (longer || tieAllow) best = rule;
    }
    return best ? best.allow : true;
  }
}
