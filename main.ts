import "./src/sdk.ts";
