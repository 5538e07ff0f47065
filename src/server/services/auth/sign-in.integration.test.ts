import { describe, expect, test } from "vitest";
import { expectErrorShape, RestAgent, signedUpAgent, testPassword, uniqueEmail } from "@/test/rest-agent";

describe("sign-up", () => {
  test("answers 201 with the user and a session", async () => {
    const agent = new RestAgent();
    const email = uniqueEmail("Mixed.Case");
    const res = await agent.post("/auth/signup", { email: email.toUpperCase(), password: testPassword, name: "Ada" });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: "Ada" });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    expect((await agent.get("/auth/me")).body.user.email).toBe(email.toLowerCase());
  });

  test("a taken email is 409 whatever its case; a short password 400", async () => {
    const existing = await signedUpAgent("taken");
    const again = await new RestAgent().post("/auth/signup", { email: existing.user.email.toUpperCase(), password: testPassword, name: "X" });
    expectErrorShape(again, 409);
    const short = await new RestAgent().post("/auth/signup", { email: uniqueEmail(), password: "1234567", name: "X" });
    expectErrorShape(short, 400);
    expect(short.body.error.details.issues[0].path).toEqual(["password"]);
  });
});

describe("sign-in", () => {
  test("wrong password and unknown email get the very same answer", async () => {
    const user = await signedUpAgent("same");
    const wrongPassword = await new RestAgent("203.0.113.5").post("/auth/login", { email: user.user.email, password: "not the password" });
    const unknownEmail = await new RestAgent("203.0.113.5").post("/auth/login", { email: uniqueEmail(), password: "not the password" });
    expectErrorShape(wrongPassword, 401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  test("is limited per account, with Retry-After, whether or not the account exists", async () => {
    const user = await signedUpAgent("limited");
    for (const email of [user.user.email, uniqueEmail("ghost")]) {
      for (let i = 0; i < 10; i++) {
        const res = await new RestAgent(`203.0.114.${i}`).post("/auth/login", { email, password: "wrong password" });
        expect(res.status).toBe(401);
      }
      const blocked = await new RestAgent("203.0.114.99").post("/auth/login", { email, password: testPassword });
      expectErrorShape(blocked, 429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Another account is not affected.
    const other = await signedUpAgent("unaffected");
    expect((await new RestAgent("203.0.114.98").post("/auth/login", { email: other.user.email, password: testPassword })).status).toBe(200);
  });

  test("is limited per address across accounts", async () => {
    const address = "203.0.115.7";
    for (let i = 0; i < 100; i++) {
      await new RestAgent(address).post("/auth/login", { email: `spray-${i}@example.test`, password: "wrong password" });
    }
    const user = await signedUpAgent("sprayed");
    expectErrorShape(await new RestAgent(address).post("/auth/login", { email: user.user.email, password: testPassword }), 429);
    expect((await new RestAgent("203.0.115.8").post("/auth/login", { email: user.user.email, password: testPassword })).status).toBe(200);
  });
});

describe("cross-origin requests", () => {
  test("a cookie-authenticated mutation from another site is refused", async () => {
    const user = await signedUpAgent("csrf");
    const res = await user.request("POST", "/workspaces", { name: "Evil" }, { origin: "https://evil.example" });
    expectErrorShape(res, 403);
    expect((await user.get("/workspaces")).body.workspaces).toEqual([]);
    const sameSite = await user.request("POST", "/workspaces", { name: "Good" }, { origin: "http://tessera.test" });
    expect(sameSite.status).toBe(201);
  });

  test("sign-in from another site is refused (login CSRF)", async () => {
    const user = await signedUpAgent("login-csrf");
    const res = await new RestAgent().request(
      "POST",
      "/auth/login",
      { email: user.user.email, password: testPassword },
      { "sec-fetch-site": "cross-site" },
    );
    expectErrorShape(res, 403);
  });

  test("reads are not blocked, and bearer tokens are not subject to the check", async () => {
    const user = await signedUpAgent("bearer");
    expect((await user.request("GET", "/workspaces", undefined, { origin: "https://elsewhere.example" })).status).toBe(200);
    const ws = await user.post("/workspaces", { name: "W" });
    const token = await user.post(`/workspaces/${ws.body.id}/tokens`, { name: "t" });
    const script = new RestAgent();
    script.bearer = token.body.token;
    const res = await script.request("POST", "/bases", { workspaceId: ws.body.id, name: "B" }, { origin: "https://tool.example" });
    expect(res.status).toBe(201);
  });
});
