import { describe, expect, test } from "vitest";
import { explainFailure } from "./failure-message";

describe("explainFailure", () => {
  test("tells each connection failure apart, with what to check", () => {
    expect(explainFailure("unreachable").title).toMatch(/cannot be reached/);
    expect(explainFailure("unreachable").hint).toMatch(/host name and the port/);
    expect(explainFailure("auth").title).toMatch(/user name or password/);
    expect(explainFailure("database_missing").title).toMatch(/database does not exist/);
    expect(explainFailure("tls_required").hint).toMatch(/Require/);
    expect(explainFailure("tls_unavailable").hint).toMatch(/Prefer/);
    expect(explainFailure("query_timeout").title).toMatch(/too long/);
  });

  test("falls back to a plain sentence for a reason it does not know", () => {
    expect(explainFailure("something_new").title).toBe("The connection failed.");
    expect(explainFailure(undefined).title).toBe("The connection failed.");
    // Not fooled by the prototype's own keys.
    expect(explainFailure("toString").title).toBe("The connection failed.");
  });
});
