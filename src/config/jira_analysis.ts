/**
 * The settings of the Jira analysis tools, as in the Python server: the SLA calendar
 * (`JIRA_SLA_*`, read by `jira_get_issue_sla`) and extra hierarchy link phrases
 * (`HIERARCHY_LINK_PHRASES`, read by `jira_get_project_epic_hierarchy`), read and validated.
 * Their names, defaults and help lines are in `analysis_vars.ts`.
 *
 * @module
 */
import { booleanSetting, type Report, type Settings } from "./_settings.ts";
import { ANALYSIS_VARIABLES, DEFAULT_SLA, SLA_METRICS } from "./analysis_vars.ts";
import { splitList } from "./values.ts";
import type { HierarchyPhrases, SlaMetric, SlaSettings } from "./types.ts";

/** True when the text names a valid IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function clockSetting(s: Settings, r: Report, name: string, fallback: string): string {
  const v = s.get(name);
  if (!v) return fallback;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    r.problem(
      `${s.label(v)} must be a time of day HH:MM from 00:00 to 23:59 (got "${v.value}"); example: ${
        s.example(v, fallback)
      }`,
    );
    return fallback;
  }
  return `${m[1].padStart(2, "0")}:${m[2]}`;
}

function metricsSetting(s: Settings, r: Report): SlaMetric[] {
  const v = s.get("JIRA_SLA_METRICS");
  if (!v) return [...DEFAULT_SLA.metrics];
  const names = splitList(v.value);
  const known = names.filter((n): n is SlaMetric => SLA_METRICS.includes(n as SlaMetric));
  const unknown = names.filter((n) => !known.includes(n as SlaMetric));
  if (unknown.length) {
    // The Python server drops unknown names silently; here they are named once, then dropped.
    r.warn(
      `${s.label(v)} names unknown metrics (${unknown.join(", ")}), which are ignored; known: ${
        SLA_METRICS.join(", ")
      }.`,
    );
  }
  return known;
}

function daysSetting(s: Settings, r: Report): number[] {
  const v = s.get("JIRA_SLA_WORKING_DAYS");
  if (!v) return [...DEFAULT_SLA.workingDays];
  const items = splitList(v.value);
  const days = items.map((d) => /^\d$/.test(d) ? Number(d) : NaN);
  if (!items.length || days.some((d) => !(d >= 1 && d <= 7))) {
    r.problem(
      `${
        s.label(v)
      } must list ISO weekdays from 1 (Monday) to 7 (Sunday), separated by commas (got "${v.value}"); example: ${
        s.example(v, "1,2,3,4,5")
      }`,
    );
    return [...DEFAULT_SLA.workingDays];
  }
  return [...new Set(days)].sort();
}

/** Reads the `JIRA_SLA_*` variables; undefined when none is set (the defaults apply). */
export function loadSla(s: Settings, r: Report): SlaSettings | undefined {
  if (!ANALYSIS_VARIABLES.some((v) => v.name.startsWith("JIRA_SLA_") && s.get(v.name))) {
    return undefined;
  }
  const start = clockSetting(s, r, "JIRA_SLA_WORKING_HOURS_START", DEFAULT_SLA.workingHoursStart);
  const end = clockSetting(s, r, "JIRA_SLA_WORKING_HOURS_END", DEFAULT_SLA.workingHoursEnd);
  if (start >= end) {
    r.problem(
      `JIRA_SLA_WORKING_HOURS_START (${start}) must be earlier than JIRA_SLA_WORKING_HOURS_END (${end}); example: JIRA_SLA_WORKING_HOURS_START=09:00 with JIRA_SLA_WORKING_HOURS_END=17:00`,
    );
  }
  const zone = s.get("JIRA_SLA_TIMEZONE");
  if (zone && !isTimeZone(zone.value)) {
    r.problem(
      `${s.label(zone)} must be an IANA time zone name (got "${zone.value}"); example: ${
        s.example(zone, "Europe/Berlin")
      }`,
    );
  }
  return {
    metrics: metricsSetting(s, r),
    workingHoursOnly: booleanSetting(s, r, "JIRA_SLA_WORKING_HOURS_ONLY", false),
    workingHoursStart: start,
    workingHoursEnd: end,
    workingDays: daysSetting(s, r),
    timezone: zone?.value ?? DEFAULT_SLA.timezone,
  };
}

/**
 * Reads `HIERARCHY_LINK_PHRASES` (`parent:<phrase>,child:<phrase>`, lower-cased); undefined when
 * unset. Malformed entries are ignored with a warning, as in the Python server.
 */
export function loadHierarchyPhrases(s: Settings, r: Report): HierarchyPhrases | undefined {
  const v = s.get("HIERARCHY_LINK_PHRASES");
  if (!v) return undefined;
  const out: HierarchyPhrases = { parent: [], child: [] };
  for (const entry of splitList(v.value)) {
    const colon = entry.indexOf(":");
    const role = entry.slice(0, colon).trim().toLowerCase();
    const phrase = entry.slice(colon + 1).trim().toLowerCase();
    if (colon < 0 || (role !== "parent" && role !== "child") || !phrase) {
      r.warn(
        `${
          s.label(v)
        }: the entry "${entry}" is ignored; each entry is parent:<phrase> or child:<phrase>.`,
      );
      continue;
    }
    if (!out[role].includes(phrase)) out[role].push(phrase);
  }
  return out;
}
