import "server-only";
import { type Document, MongoClient } from "mongodb";
import { AppError } from "../../errors";
import { compileMongoAggregate, compileMongoQuery, compileMongoWrite } from "../../query/compile/mongo";
import { applyWrite } from "../apply-write";
import type { ConnectionConfig, Connector, ConnectorLimits, DiscoveredSchema } from "../connector";
import { ConnectorError, scrubbed } from "../connector-error";
import { inferCollectionColumns } from "./infer-columns";

/** Documents sampled per collection to infer its fields. */
const sampleSize = 200;

const authenticationFailed = 18;
const maxTimeExpired = 50;
const duplicateKey = 11000;
const documentValidationFailure = 121;

function mongodbFailure(config: ConnectionConfig, error: unknown, limits: ConnectorLimits): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { name?: string; code?: unknown; message?: string };
  const reason = scrubbed(String(e.message ?? error), config);
  if (e.code === authenticationFailed) return new ConnectorError("auth", `Wrong user name or password for "${config.user ?? ""}"`);
  if (e.code === duplicateKey) return new ConnectorError("duplicate_key", `A document with this _id (or unique value) already exists: ${reason}`);
  if (e.code === documentValidationFailure) return new ConnectorError("rejected_value", `The database refused the document: ${reason}`);
  if (e.code === maxTimeExpired) {
    return new ConnectorError("query_timeout", `The query took longer than the ${limits.queryTimeoutMs / 1000} s limit and was cancelled; narrow the filter`);
  }
  if (e.name === "MongoServerSelectionError" || e.name === "MongoNetworkError" || e.name === "MongoNetworkTimeoutError") {
    return new ConnectorError("unreachable", `Cannot reach the database server at ${config.host}${config.port ? `:${config.port}` : ""}: ${reason}`);
  }
  return new ConnectorError("refused", `The database answered: ${reason}`);
}

function mongodbUrl(config: ConnectionConfig): string {
  const params = new URLSearchParams(config.options ?? {});
  // "prefer" leaves it to the driver (TLS for mongodb+srv, none otherwise).
  if (config.tls !== "prefer") params.set("tls", String(config.tls !== "disable"));
  if (config.tls === "require") params.set("tlsAllowInvalidCertificates", "true");
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const query = params.size ? `?${params}` : "";
  return `mongodb${config.srv ? "+srv" : ""}://${host}${config.port && !config.srv ? `:${config.port}` : ""}/${query}`;
}

export function mongodbConnector(config: ConnectionConfig, limits: ConnectorLimits): Connector {
  // Credentials go in the options, not the URL, so no connection string holding them exists to be echoed.
  const client = new MongoClient(mongodbUrl(config), {
    ...(config.user ? { auth: { username: config.user, password: config.password } } : {}),
    appName: "tessera",
    maxPoolSize: 4,
    maxIdleTimeMS: 60_000,
    serverSelectionTimeoutMS: limits.connectTimeoutMs,
    connectTimeoutMS: limits.connectTimeoutMs,
  });
  const db = client.db(config.database ?? "test");
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw mongodbFailure(config, error, limits);
    }
  };
  return {
    test: () => guarded(async () => void (await db.command({ ping: 1 }, { timeoutMS: limits.queryTimeoutMs }))),
    discover: () =>
      guarded(async (): Promise<DiscoveredSchema> => {
        const collections = (await db.listCollections({}, { nameOnly: false }).toArray()).filter((c) => !c.name.startsWith("system."));
        const tables = [];
        for (const collection of collections) {
          const sample = await db.collection(collection.name).aggregate<Document>([{ $sample: { size: sampleSize } }], { maxTimeMS: limits.queryTimeoutMs }).toArray();
          tables.push({
            name: collection.name,
            kind: collection.type === "view" ? ("view" as const) : ("collection" as const),
            primaryKey: ["_id"],
            columns: inferCollectionColumns(sample),
            foreignKeys: [],
          });
        }
        tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        return { schemas: [{ name: db.databaseName, tables }] };
      }),
    query: async (query) => {
      const compiled = compileMongoQuery(query);
      const documents = await guarded(() =>
        db.collection(query.table.name).aggregate<Document>(compiled.pipeline, { maxTimeMS: limits.queryTimeoutMs }).toArray(),
      );
      return compiled.page(documents);
    },
    aggregate: async (query) => {
      const compiled = compileMongoAggregate(query);
      return compiled.groups(
        await guarded(() => db.collection(query.table.name).aggregate<Document>(compiled.pipeline, { maxTimeMS: limits.queryTimeoutMs }).toArray()),
      );
    },
    // Without a replica set there are no transactions: each statement is atomic on its document, and the
    // update's filter holds the expected cells, so a concurrent change still makes it match nothing.
    write: (write) =>
      guarded(() => {
        const statements = compileMongoWrite(write);
        const collection = db.collection(write.table.name);
        return applyWrite(write, {
          async read(key, _lock, within) {
            const compiled = statements.read(key, within);
            return compiled.page(await collection.aggregate<Document>(compiled.pipeline, { maxTimeMS: limits.queryTimeoutMs }).toArray()).rows[0] ?? null;
          },
          insert: async (values) => statements.key((await collection.insertOne(statements.document(values), { timeoutMS: limits.queryTimeoutMs })).insertedId),
          update: async (key, values, expected) =>
            (await collection.updateOne(statements.filter(key, expected), statements.set(values), { timeoutMS: limits.queryTimeoutMs })).matchedCount,
          remove: async (key, expected) => (await collection.deleteOne(statements.filter(key, expected), { timeoutMS: limits.queryTimeoutMs })).deletedCount,
        });
      }),
    close: () => client.close(),
  };
}
