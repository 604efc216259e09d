import assert from "node:assert/strict";
import { helpText } from "../../../src/config/cli/mod.ts";
import { ANALYSIS_VARIABLES, analysisHelpLines } from "../../../src/config/analysis_vars.ts";
import { CONFIG_ENV_VARS } from "../../../src/config/env_vars.ts";
import { CLOUD, config, load, ok, problems } from "./_helpers.ts";

Deno.test("no JIRA_SLA_* variable: no SLA settings (the tools use the defaults)", () => {
  const c = config([], CLOUD);
  assert.equal(c.sla, undefined);
  assert.equal(c.hierarchyPhrases, undefined);
});

Deno.test("JIRA_SLA_* variables are read, days sorted and hours normalised", () => {
  const c = config([], {
    ...CLOUD,
    JIRA_SLA_METRICS: "lead_time, resolution_time",
    JIRA_SLA_WORKING_HOURS_ONLY: "yes",
    JIRA_SLA_WORKING_HOURS_START: "8:30",
    JIRA_SLA_WORKING_HOURS_END: "16:45",
    JIRA_SLA_WORKING_DAYS: "7,1,2,1",
    JIRA_SLA_TIMEZONE: "Europe/Berlin",
  });
  assert.deepEqual(c.sla, {
    metrics: ["lead_time", "resolution_time"],
    workingHoursOnly: true,
    workingHoursStart: "08:30",
    workingHoursEnd: "16:45",
    workingDays: [1, 2, 7],
    timezone: "Europe/Berlin",
  });
  // One variable set: the others take their defaults.
  assert.deepEqual(config([], { ...CLOUD, JIRA_SLA_TIMEZONE: "Asia/Tokyo" }).sla, {
    metrics: ["cycle_time", "time_in_status"],
    workingHoursOnly: false,
    workingHoursStart: "09:00",
    workingHoursEnd: "17:00",
    workingDays: [1, 2, 3, 4, 5],
    timezone: "Asia/Tokyo",
  });
});

Deno.test("bad JIRA_SLA_* values are configuration problems with an example", () => {
  const found = problems(load([], {
    ...CLOUD,
    JIRA_SLA_WORKING_DAYS: "0,8",
    JIRA_SLA_TIMEZONE: "Mars/Olympus",
    JIRA_SLA_WORKING_HOURS_START: "25:00",
  })).join("\n");
  assert.match(
    found,
    /JIRA_SLA_WORKING_DAYS must list ISO weekdays from 1 \(Monday\) to 7 \(Sunday\), separated by commas \(got "0,8"\); example: JIRA_SLA_WORKING_DAYS=1,2,3,4,5/,
  );
  assert.match(found, /JIRA_SLA_TIMEZONE must be an IANA time zone name \(got "Mars\/Olympus"\)/);
  assert.match(found, /JIRA_SLA_WORKING_HOURS_START must be a time of day HH:MM/);
  const reversed = problems(load([], {
    ...CLOUD,
    JIRA_SLA_WORKING_HOURS_START: "18:00",
  })).join("\n");
  assert.match(reversed, /\(18:00\) must be earlier than JIRA_SLA_WORKING_HOURS_END \(17:00\)/);
});

Deno.test("unknown JIRA_SLA_METRICS names are dropped with a warning, as Python drops them", () => {
  const result = ok(load([], { ...CLOUD, JIRA_SLA_METRICS: "cycle_time,velocity" }));
  assert.deepEqual(result.config.sla?.metrics, ["cycle_time"]);
  assert.match(result.warnings.join("\n"), /unknown metrics \(velocity\)/);
});

Deno.test("HIERARCHY_LINK_PHRASES: parent and child phrases, malformed entries warned", () => {
  const result = ok(load([], {
    ...CLOUD,
    HIERARCHY_LINK_PHRASES: "parent:Rolls Up To, child: Is Part Of,missing-role,other:x,parent:",
  }));
  assert.deepEqual(result.config.hierarchyPhrases, {
    parent: ["rolls up to"],
    child: ["is part of"],
  });
  assert.equal(result.warnings.filter((w) => w.includes("is ignored")).length, 3);
});

Deno.test("the analysis variables are read by the launcher and listed in --help", () => {
  const help = helpText();
  for (const v of ANALYSIS_VARIABLES) {
    assert.ok(CONFIG_ENV_VARS.includes(v.name), v.name);
    assert.match(help, new RegExp(`\\n  ${v.name} +${v.help.replace(/[()*.+?]/g, "\\$&")}\\n?`));
  }
  for (const line of analysisHelpLines(46)) assert.ok(line.length <= 96, line);
});
