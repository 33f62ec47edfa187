import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { parseFeed } from "./feed-parse.ts";
import { AZURE_FEED, azure, azureItemStatus, mapAzure } from "./azure.ts";

const FEED = localFixture("azure/feed.documented-format.rss");
const mapped = (body = FEED) => mapAzure(parseFeed(body, AZURE_FEED));

describe("azure mapping", () => {
  it.each([
    ["Active - Azure SQL - West US", "", "incident", "investigating"],
    ["Mitigated - Azure SQL - West US", "", "incident", "resolved"],
    ["Post Incident Review (PIR) - Azure SQL", "", "incident", "postmortem"],
    ["Azure SQL - West US", "<p>This issue has been mitigated.</p>", "incident", "resolved"],
    ["Azure SQL - West US", "<p>We are working to mitigate.</p>", "incident", "investigating"],
    ["Active - Planned maintenance", "", "maintenance", "in_progress"],
  ] as const)("%s / %s → %s", (title, html, kind, status) => {
    expect(azureItemStatus(title, html, kind)).toBe(status);
  });

  it("items with one Tracking ID are one incident, updates oldest first, newest status wins", () => {
    const { pageName, incidents } = mapped();
    expect(pageName).toBe("Azure");
    expect(incidents.map((i) => [i.id, i.status])).toEqual([
      ["TK4R-9Z8", "investigating"],
      ["QKNQ-PB8", "postmortem"],
    ]);
    const frontDoor = incidents[1]!;
    expect(frontDoor.updates.map((u) => [u.status, u.at])).toEqual([
      ["investigating", "2024-05-08T08:10:00.000Z"],
      ["resolved", "2024-05-08T09:40:00.000Z"],
      ["postmortem", "2024-05-10T09:15:00.000Z"],
    ]);
    expect(incidents[0]!.title).toBe("Azure Virtual Machines - Allocation failures in West Europe");
    expect(incidents[0]!.updates[0]!.message).toMatch(/capacity constraint/);
  });

  it("an item without a Tracking ID is its own incident, by guid", () => {
    const body = FEED.replace("Tracking ID: TK4R-9Z8", "");
    expect(mapped(body).incidents[0]!.id).toMatch(/#TK4R-9Z8-20240515140211$/);
  });

  it("does not claim a feed that is not Azure's", async () => {
    const other = FEED.replace("<title>Azure Status</title>", "<title>Acme Status</title>");
    const http = fixtureHttp({ "https://status.acme.test/feed.rss": { body: other } });
    expect(await azure.detect("https://status.acme.test/feed.rss", { http })).toBeNull();
  });
});
