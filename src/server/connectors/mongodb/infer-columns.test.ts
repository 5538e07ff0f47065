import { ObjectId } from "mongodb";
import { expect, test } from "vitest";
import { inferCollectionColumns } from "./infer-columns";

test("fields from sampled documents: dotted paths, types, nullability, mixed types, _id first", () => {
  const columns = inferCollectionColumns([
    { name: "Ann", _id: new ObjectId(), address: { city: "Oslo", geo: { lat: 1.5 } }, tags: ["a"], age: 30, at: new Date(), code: 7 },
    { _id: new ObjectId(), name: null, address: { city: "Bergen" }, age: 31.5, code: "x7", "a.b": 1, $weird: 2 },
    { _id: new ObjectId(), name: "Cy", address: {}, vip: true },
  ]);
  const byName = Object.fromEntries(columns.map((c) => [c.name, c]));
  expect(columns[0]!.name).toBe("_id");
  expect(byName._id).toMatchObject({ type: "text", nativeType: "objectId", nullable: false });
  expect(byName.name).toMatchObject({ type: "text", nullable: true });
  expect(byName["address.city"]).toMatchObject({ type: "text", nullable: true });
  expect(byName["address.geo.lat"]).toMatchObject({ type: "number", nativeType: "double" });
  expect(byName.age).toMatchObject({ type: "number", nativeType: "double|int", nullable: true });
  expect(byName.at).toMatchObject({ type: "datetime" });
  expect(byName.vip).toMatchObject({ type: "boolean", nullable: true });
  expect(byName.tags).toMatchObject({ type: "long_text", nativeType: "array" });
  expect(byName.code).toMatchObject({ type: "long_text", nativeType: "int|string", mixed: true });
  // Keys no path can address are left out; an empty document is a value, not a path.
  expect(columns.map((c) => c.name)).not.toEqual(expect.arrayContaining(["a.b"]));
  expect(columns.map((c) => c.name).some((n) => n.includes("$"))).toBe(false);
  expect(byName.address).toMatchObject({ type: "long_text", nativeType: "object" });
});
