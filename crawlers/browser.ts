/**
 * Playwright's launch options for the system Chromium (Debian `chromium`; no browser download
 * here). `NIANBAO_CHROMIUM` points at another binary. The flags keep a headless run quiet and
 * offline: no sandbox (containers, root), no GPU, no background updates or sync.
 */
import { chromium } from 'playwright-core';
import type { LaunchOptions } from 'playwright-core';

/** Where Chromium is when `NIANBAO_CHROMIUM` is not set. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIANBAO_CHROMIUM || DEFAULT_CHROMIUM;
}

export function browserLaunchOptions(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  return { executablePath: chromiumPath(env), args: CHROMIUM_ARGS, headless: true };
}

/** The `launchContext` PlaywrightCrawler takes: playwright-core's chromium (there is no `playwright` package). */
export function launchContext(env: NodeJS.ProcessEnv = process.env) {
  return { launcher: chromium, launchOptions: browserLaunchOptions(env) };
}
