import assert from "node:assert/strict";
import {
  AuthError,
  DENO_FILE_SYSTEM,
  loadTokens,
  parseTokens,
  saveTokens,
  serializeTokens,
  type StoredTokens,
  type TokenFileSystem,
} from "../../../../src/auth/mod.ts";
import { log, secretValues } from "../../../../src/log.ts";
import { tempHome } from "../_helpers.ts";

const TOKENS: StoredTokens = {
  access_token: "store-access-1",
  refresh_token: "store-refresh-1",
  expires_at: 1_900_000_000.5,
  cloud_id: "11111111-1111-4111-8111-111111111111",
  base_url: "https://acme.atlassian.net",
};

async function listing(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test("saveTokens creates the folder 0700 and the file 0600 in the Python format", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/.mcp-atlassian/oauth-cid.json`;
  await saveTokens(file, TOKENS);
  assert.equal((await Deno.stat(`${home.dir}/.mcp-atlassian`)).mode! & 0o777, 0o700);
  assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), TOKENS);
  assert.deepEqual(await listing(`${home.dir}/.mcp-atlassian`), ["oauth-cid.json"]);
});

Deno.test("loadTokens reads what saveTokens wrote, and undefined when there is no file", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/oauth-cid.json`;
  assert.equal(await loadTokens(file), undefined);
  await saveTokens(file, TOKENS);
  assert.deepEqual(await loadTokens(file), TOKENS);
});

Deno.test("parseTokens reads a file the Python server wrote (nulls, extra keys)", () => {
  const python = JSON.stringify({
    refresh_token: "py-refresh-12345",
    access_token: "py-access-12345",
    expires_at: 1712345678.123,
    cloud_id: null,
    base_url: null,
    token_type: "Bearer",
  });
  const tokens = parseTokens(python, "f.json");
  assert.deepEqual(tokens, {
    access_token: "py-access-12345",
    refresh_token: "py-refresh-12345",
    expires_at: 1712345678.123,
    token_type: "Bearer",
  });
  // Rewritten with the keys Python reads, extra keys kept.
  assert.deepEqual(JSON.parse(serializeTokens(tokens)), {
    access_token: "py-access-12345",
    refresh_token: "py-refresh-12345",
    expires_at: 1712345678.123,
    cloud_id: null,
    base_url: null,
    token_type: "Bearer",
  });
  assert.ok(secretValues().includes("py-refresh-12345"));
  assert.ok(secretValues().includes("py-access-12345"));
});

Deno.test("parseTokens refuses a file that is not a token file, with the fix", () => {
  for (const content of ["{not json", "[]", '{"expires_at": 1}']) {
    assert.throws(() => parseTokens(content, "/h/oauth-x.json"), (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.match(e.message, /^The OAuth token file \/h\/oauth-x\.json /);
      assert.match(e.hint, /--oauth-setup/);
      return true;
    });
  }
});

Deno.test("saveTokens keeps the old file when the new content fails halfway", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/oauth-cid.json`;
  await saveTokens(file, TOKENS);
  const before = await Deno.readTextFile(file);
  const failing: TokenFileSystem = {
    async writeNewFile(path, data, mode) {
      // Half the bytes reach the disk, then the disk is full.
      await Deno.writeFile(path, data.subarray(0, data.length >> 1), { mode, createNew: true });
      throw new Error("No space left on device (os error 28)");
    },
    rename: DENO_FILE_SYSTEM.rename,
  };
  await assert.rejects(
    saveTokens(file, { ...TOKENS, refresh_token: "store-refresh-2" }, failing),
    (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.match(
        e.message,
        /could not be saved .* \(No space left on device .*the previous file is unchanged/,
      );
      return true;
    },
  );
  assert.equal(await Deno.readTextFile(file), before);
  assert.deepEqual(await listing(home.dir), ["oauth-cid.json"], "the temporary file is removed");
});

Deno.test("saveTokens keeps the old file when the rename fails", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/oauth-cid.json`;
  await saveTokens(file, TOKENS);
  const before = await Deno.readTextFile(file);
  const failing: TokenFileSystem = {
    writeNewFile: DENO_FILE_SYSTEM.writeNewFile,
    rename: () => Promise.reject(new Error("crash before rename")),
  };
  await assert.rejects(saveTokens(file, { ...TOKENS, access_token: "store-access-2" }, failing));
  assert.equal(await Deno.readTextFile(file), before);
  assert.deepEqual(await listing(home.dir), ["oauth-cid.json"]);
});

Deno.test("saveTokens replaces the file whole: no reader ever sees a partial file", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/oauth-cid.json`;
  await saveTokens(file, TOKENS);
  let stop = false;
  const reader = (async () => {
    let reads = 0;
    while (!stop) {
      parseTokens(await Deno.readTextFile(file), file); // throws on a torn read
      reads++;
      await new Promise((r) => setTimeout(r, 0));
    }
    return reads;
  })();
  for (let i = 0; i < 30; i++) {
    await saveTokens(file, { ...TOKENS, refresh_token: `store-refresh-${i}`.padEnd(200, "x") });
  }
  stop = true;
  assert.ok(await reader > 0);
  assert.equal((await loadTokens(file))?.refresh_token, "store-refresh-29".padEnd(200, "x"));
});

const POSIX = Deno.build.os !== "windows";

Deno.test({
  name: "saveTokens tightens an existing token folder of the current user to 0700",
  ignore: !POSIX,
  fn: async () => {
    await using home = await tempHome();
    const folder = `${home.dir}/.mcp-atlassian`;
    await Deno.mkdir(folder);
    await Deno.chmod(folder, 0o755);
    await saveTokens(`${folder}/oauth-cid.json`, TOKENS);
    assert.equal((await Deno.stat(folder)).mode! & 0o777, 0o700);
    assert.deepEqual(await loadTokens(`${folder}/oauth-cid.json`), TOKENS);
  },
});

Deno.test({
  name: "saveTokens warns about a token folder that belongs to another user, and leaves it",
  // Only root can give a folder away to another user.
  ignore: !POSIX || Deno.uid() !== 0,
  fn: async () => {
    await using home = await tempHome();
    const folder = `${home.dir}/.mcp-atlassian`;
    await Deno.mkdir(folder);
    await Deno.chmod(folder, 0o755);
    await Deno.chown(folder, 65534, 65534);
    const warnings: string[] = [];
    const original = log.warn;
    log.warn = (message) => void warnings.push(message);
    try {
      await saveTokens(`${folder}/oauth-cid.json`, TOKENS);
      await saveTokens(`${folder}/oauth-cid.json`, TOKENS);
    } finally {
      log.warn = original;
    }
    assert.equal((await Deno.stat(folder)).mode! & 0o777, 0o755);
    assert.equal(warnings.length, 1, "warned once");
    assert.match(warnings[0], /belongs to another user/);
    assert.ok(warnings[0].includes(folder));
  },
});

Deno.test("saveTokens flushes the folder after the rename", async () => {
  await using home = await tempHome();
  const file = `${home.dir}/oauth-cid.json`;
  const steps: string[] = [];
  const recording: TokenFileSystem = {
    async writeNewFile(path, data, mode) {
      steps.push("write");
      await DENO_FILE_SYSTEM.writeNewFile(path, data, mode);
    },
    async rename(from, to) {
      steps.push("rename");
      await DENO_FILE_SYSTEM.rename(from, to);
    },
    async syncFolder(path) {
      steps.push(`sync ${path}`);
      await DENO_FILE_SYSTEM.syncFolder!(path);
    },
  };
  await saveTokens(file, TOKENS, recording);
  assert.deepEqual(steps, ["write", "rename", `sync ${home.dir}`]);
  assert.deepEqual(await loadTokens(file), TOKENS);
  // Where a folder cannot be flushed (or opened), that is no failure.
  await DENO_FILE_SYSTEM.syncFolder!(`${home.dir}/missing`);
});
