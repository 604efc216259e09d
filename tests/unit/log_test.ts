import { equal, ok } from "node:assert/strict";
import { basicCredential } from "../../src/http/basic.ts";
import {
  addHeaderSecret,
  addRotatingSecret,
  addScopedSecrets,
  addSecret,
  headerSecretValues,
  redact,
  redactCredentials,
  secretValues,
} from "../../src/log.ts";

/** Every character that changes under some encoding, plus non-ASCII (2-, 3- and 4-byte UTF-8). */
const SPECIAL = [..."=+/\"%:&?# \\<>'", "é", "中", "😀"];
const PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*()";

/** A small seeded PRNG (mulberry32), so a failure names a token that can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token of 24 to 64 characters holding every special character, in random order. */
function token(next: () => number): string {
  const chars = [...SPECIAL];
  const pool = [...PLAIN, ...SPECIAL];
  while (chars.length < 24 + Math.floor(next() * 40)) {
    chars.push(pool[Math.floor(next() * pool.length)]);
  }
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** base64 and base64url, padded and not. */
function base64Spellings(b64: string): string[] {
  const url = b64.replaceAll("+", "-").replaceAll("/", "_");
  return [b64, url, b64.replace(/=+$/, ""), url.replace(/=+$/, "")];
}

/** The forms the issue lists, built here independently of the code under test. */
function forms(user: string, secret: string): Record<string, string> {
  const component = encodeURIComponent(secret);
  const form = new URLSearchParams({ k: secret }).toString().slice(2);
  const html = secret.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
  const [b64, b64url, b64Bare, b64urlBare] = base64Spellings(base64(`${user}:${secret}`));
  const [alone, aloneUrl, aloneBare, aloneUrlBare] = base64Spellings(base64(secret));
  const chars = [...secret];
  const piece = chars.slice(chars.length >> 2, (chars.length >> 2) + 16).join("");
  return {
    raw: secret,
    "URL-encoded (%20, %2B)": component,
    "URL-encoded, lower-case hex": component.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    "form-encoded (+ for space)": form,
    "form-encoded, lower-case hex": form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    "JSON-escaped": JSON.stringify(secret).slice(1, -1),
    "JSON-escaped twice": JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    "HTML-escaped (&#39;)": html.replaceAll("'", "&#39;"),
    "HTML-escaped (&#x27;)": html.replaceAll("'", "&#x27;"),
    "HTML-escaped in a JSON string": JSON.stringify(html.replaceAll("'", "&#39;")).slice(1, -1),
    "base64 of user:secret": b64,
    "base64url of user:secret": b64url,
    "base64 of user:secret, unpadded": b64Bare,
    "base64url of user:secret, unpadded": b64urlBare,
    "base64 of the secret": alone,
    "base64url of the secret": aloneUrl,
    "base64 of the secret, unpadded": aloneBare,
    "base64url of the secret, unpadded": aloneUrlBare,
    "a 16-character fragment": piece,
    "a 16-character fragment, URL-encoded": encodeURIComponent(piece),
    "a 16-character fragment, JSON-escaped": JSON.stringify(piece).slice(1, -1),
    "a 20-character fragment of base64 of user:secret": b64.slice(8, 28),
  };
}

const SEED = 20240311;

Deno.test("redact masks random special-character tokens in every encoding and fragments", () => {
  const next = random(SEED);
  for (let i = 0; i < 200; i++) {
    const user = `user${i}@example.com`;
    const secret = token(next);
    // As src/config/service/auth.ts registers a Basic credential: the token and the header value.
    addSecret(secret);
    addSecret(basicCredential(user, secret));
    for (const [name, form] of Object.entries(forms(user, secret))) {
      // The brackets are in no form, so nothing around the secret may be taken with it.
      equal(
        redact(`upstream said [${form}] twice: [${form}]`),
        "upstream said [***] twice: [***]",
        `token ${i} (seed ${SEED}) ${JSON.stringify(secret)}: ${name} ${JSON.stringify(form)}`,
      );
    }
  }
});

Deno.test("redact leaves ordinary text and short pieces of a secret alone", () => {
  const next = random(SEED + 1);
  const secret = token(next);
  addSecret(secret);
  addSecret(basicCredential("alice@example.com", secret));
  addSecret("hunter2!");
  const ordinary = [
    "The quick brown fox jumps over the lazy dog; user alice@example.com (alice) logged in.",
    "GET https://acme.atlassian.net/rest/api/3/search/jql?jql=project%20%3D%20DEMO&maxResults=50",
    '{"errorMessages":["Issue does not exist or you do not have permission to see it."]}',
    "a=b+c/d, 50% of \"quoted\" & <tagged> 'text' #1 ? \\ é 中 😀 == %2B %3D &amp; &#39; YWxpY2U=",
    `pieces of the token: [${[...secret].slice(0, 15).join("")}] [${
      [...secret].slice(5, 20).join("")
    }] [${encodeURIComponent(secret).slice(0, 15)}] [${base64(secret).slice(0, 15)}] [${
      encodeURIComponent([...secret].slice(0, 15).join(""))
    }]`,
    "encoded punctuation is not a fragment: %F0%9F%98%80%2F%F0%9F%98%80%3D%2B%22%25%3A%26%3F%23",
    "hunter2 is not hunter2?",
  ].join("\n");
  equal(redact(ordinary), ordinary);
  equal(redact("password: hunter2! or hunter2%21"), "password: *** or ***");
});

Deno.test("secretValues hands over the raw values only; the forms are derived on arrival", () => {
  const next = random(SEED + 2);
  const secret = token(next);
  addSecret(secret);
  const values = secretValues();
  ok(values.includes(secret));
  ok(!values.includes(encodeURIComponent(secret)));
});

Deno.test("addScopedSecrets masks every form only while held", () => {
  const next = random(SEED + 3);
  const secret = token(next);
  const other = token(next);
  const credential = basicCredential("bob", secret);
  const text = `[${encodeURIComponent(secret)}] [${credential.replace(/=+$/, "")}] [${other}]`;
  const release = addScopedSecrets([secret, credential]);
  const again = addScopedSecrets([secret]);
  equal(redact(text), `[***] [***] [${other}]`);
  release();
  equal(redact(text), `[***] [${credential.replace(/=+$/, "")}] [${other}]`);
  again();
  equal(redact(text), text);
});

Deno.test("redact masks Authorization header values of unknown credentials", () => {
  equal(
    redact("Authorization: Basic dW5rbm93bjpzZWNyZXQ= / Bearer abc.def.ghi-jkl"),
    "Authorization: Basic *** / Bearer ***",
  );
});

Deno.test("addSecret makes a value registered as a header value a credential, masked in answers", () => {
  const value = "header-then-credential-value";
  addHeaderSecret(value);
  equal(redactCredentials(`[${value}]`), `[${value}]`, "a header value stays readable in answers");
  equal(redact(`[${value}]`), "[***]");
  addSecret(value);
  equal(redactCredentials(`[${value}]`), "[***]");
  ok(!headerSecretValues().includes(value));
  addHeaderSecret(value); // a credential is not demoted
  equal(redactCredentials(`[${value}]`), "[***]");
});

Deno.test("addRotatingSecret keeps only the 16 newest rotating values masked", () => {
  const next = random(SEED + 4);
  const tokens = Array.from({ length: 20 }, () => token(next));
  const kept = tokens[0];
  for (const [i, value] of tokens.entries()) {
    addRotatingSecret(value);
    addRotatingSecret(kept); // still in use: registered again each time, so never the oldest
    equal(redactCredentials(`[${value}]`), "[***]", `token ${i}`);
  }
  equal(redact(`[${kept}]`), "[***]");
  for (const [i, value] of tokens.slice(1, 5).entries()) {
    equal(redact(`[${value}]`), `[${value}]`, `token ${i + 1} was dropped`);
    ok(!secretValues().includes(value));
  }
  for (const value of tokens.slice(5)) equal(redact(`[${value}]`), "[***]");
  // A credential registered for good is never dropped by rotation.
  addSecret(tokens[5]);
  for (let i = 0; i < 20; i++) addRotatingSecret(token(next));
  equal(redact(`[${tokens[5]}]`), "[***]");
  equal(redact(`[${tokens[6]}]`), `[${tokens[6]}]`);
});
