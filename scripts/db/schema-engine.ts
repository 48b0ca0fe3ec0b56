// Offline Prisma schema engine: @prisma/schema-engine-wasm driven through the
// pg driver adapter. No native schema-engine binary, no network.
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { randomUUID } from "node:crypto";

import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type {
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";


/** The repository root (this file is scripts/db/schema-engine.ts). */
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
export const LOCKFILE_NAME = "migration_lock.toml";
const SHADOW_INIT_SCRIPT = "";

export const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------
// wasm bootstrap. The package's entry (schema_engine.js) does
// `import * as wasm from "./schema_engine_bg.wasm"`, which plain Node 20 cannot
// load (needs --experimental-wasm-modules). So instantiate it by hand.
let wasmReady: Promise<void> | undefined;
/** Where the engine writes its panic message before trapping (Prisma's CLI sets the same global). */
export const panicRegistry = {
  message: '' as string,
  set_message(message: string) {
    panicRegistry.message = message;
  },
};
(globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

// The bindings module is shared by the whole process (Node's module cache), so its WebAssembly
// instance must be too, even when this file is loaded twice (e.g. by two test projects).
function initWasm(): Promise<void> {
  const holder = globalThis as unknown as { __sillonSchemaEngineWasm?: Promise<void> };
  wasmReady ??= holder.__sillonSchemaEngineWasm;
  wasmReady ??= holder.__sillonSchemaEngineWasm = (async () => {
    const require = createRequire(import.meta.url);
    const bgJs = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(bgJs), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

// ---------------------------------------------------------------------------
// Workaround 1: @prisma/adapter-pg maps result columns by type OID and throws
// UnsupportedNativeDataType for PostgreSQL's internal "char" type (OID 18).
// The engine's schema describer selects such columns (pg_constraint.contype,
// ...), so every describe (diff from migrations, devDiagnostic, createMigration)
// fails with "Column type 'char' could not be deserialized from the database".
// Report "char" columns as text (their text-format value is the same string).
// Process-wide patch: these scripts are short-lived CLI processes.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
{
  type Field = { dataTypeID: number };
  const Result = (pg as unknown as { Result: { prototype: { addFields(f: Field[]): void } } }).Result;
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: Field[]) {
    for (const f of fields) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
    return addFields.call(this, fields);
  };
}

// ---------------------------------------------------------------------------
// Driver adapter factory. PrismaPg#connectToShadowDb() does
// `new Pool({ ...config, database: shadow })`, but pg lets `connectionString`
// override `database`, so with PrismaPg({ connectionString }) the "shadow"
// pool actually talks to the MAIN database. We therefore provide our own
// shadow connection built from an explicit URL with the database swapped.
class PgMigrationFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly main: PrismaPg;
  /** Adapters handed to the engine; engine.free() does not dispose them (pools would keep the process alive). */
  readonly open = new Set<SqlDriverAdapter>();
  constructor(private readonly url: string, private readonly shadowUrl?: string) {
    this.main = new PrismaPg({ connectionString: url });
  }
  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.open.add(adapter);
    // Workaround 2: PrismaPgAdapter.executeScript() splits the script on ";" and
    // runs each piece separately in autocommit mode. The engine uses it to run
    // migration.sql, which would break on ";" inside strings / $$ bodies and leave
    // half-applied migrations. Send the whole script as one simple-protocol query
    // instead, which PostgreSQL runs in one implicit transaction (as the native
    // schema engine does).
    const internals = adapter as unknown as { underlyingDriver(): pg.Pool; onError(e: unknown): never };
    const pool = internals.underlyingDriver();
    const onError = internals.onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        onError(e); // rethrows as DriverAdapterError, like the adapter does
      }
    };
    if (process.env.DEBUG_SCHEMA_ENGINE) {
      const queryRaw = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = async (q) => {
        try {
          return await queryRaw(q);
        } catch (e) {
          console.error("[schema-engine] query failed:", q.sql, e);
          throw e;
        }
      };
    }
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return; // dispose once
      await dispose();
    };
    return adapter;
  }
  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.main.connect());
  }
  async disposeAll(): Promise<void> {
    for (const a of [...this.open]) await a.dispose();
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    // Explicit shadow DB (prisma.config.ts datasource.shadowDatabaseUrl). Unlike the
    // native engine, the wasm engine does NOT reset an external shadow DB before
    // replaying migrations (leftover objects end up in the diff as DROPs), so reset
    // it here the way Prisma does: drop and recreate the schema.
    if (this.shadowUrl) {
      const main = new URL(this.url);
      const shadow = new URL(this.shadowUrl);
      if (main.host === shadow.host && main.pathname === shadow.pathname) {
        throw new Error("shadowDatabaseUrl must not point at the main database");
      }
      const schema = shadow.searchParams.get("schema") ?? "public";
      const adapter = await new PrismaPg({ connectionString: this.shadowUrl }).connect();
      const q = `"${schema.replaceAll('"', '""')}"`;
      await adapter.executeScript(`DROP SCHEMA IF EXISTS ${q} CASCADE; CREATE SCHEMA ${q};`);
      return this.track(adapter);
    }

    // Otherwise create a throw-away database on the same server, dropped on dispose.
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(`[schema-engine] created shadow database ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    const adapter = await new PrismaPg({ connectionString: u.toString() }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const c = new pg.Client({ connectionString: this.url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        if (process.env.DEBUG_SCHEMA_ENGINE) console.error(`[schema-engine] dropped shadow database ${name}`);
      } finally {
        await c.end();
      }
    };
    return this.track(adapter);
  }
}

export interface Engine {
  engine: SchemaEngine;
  /** Free the wasm engine and end every pg pool (incl. dropping a leftover shadow DB). */
  close(): Promise<void>;
  /** Human-readable error text; resolves "External error id#N" to the original JS error. */
  describeError(err: unknown): string;
}

/** Create a wasm schema engine bound to DATABASE_URL (+ optional shadow DB URL). */
export async function openEngine(opts: { databaseUrl: string; shadowDatabaseUrl?: string; schema?: SchemasContainer }): Promise<Engine> {
  await initWasm();
  const raw = new PgMigrationFactory(opts.databaseUrl, opts.shadowDatabaseUrl);
  const factory = bindMigrationAwareSqlAdapterFactory(raw);
  const debug = !!process.env.DEBUG_SCHEMA_ENGINE;
  const datamodels = opts.schema?.files.map((f) => [f.path, f.content] as [string, string]);
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    (log: string) => {
      if (debug) console.error("[schema-engine]", log);
    },
    factory,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await raw.disposeAll();
    },
    describeError: (err) => {
      let text = formatEngineError(err);
      if (panicRegistry.message) text += `\nengine panic: ${panicRegistry.message}`;
      const id = /External error id#(\d+)/.exec(text)?.[1];
      const original = id === undefined ? undefined : factory.errorRegistry.consumeError(Number(id))?.error;
      if (original !== undefined) text += `\ncaused by: ${formatEngineError(original)}`;
      return text;
    },
  };
}

// ---------------------------------------------------------------------------
// Same shape as the Prisma CLI's own listMigrations(): every sub-directory of
// the migrations folder, sorted by name, with its migration.sql content.
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockContent = await readFile(path.join(dir, LOCKFILE_NAME), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => {
        const content = await readFile(path.join(dir, e.name, "migration.sql"), "utf8")
          .then((value) => ({ tag: "ok" as const, value }))
          .catch((err: Error) => ({ tag: "error" as const, value: err.message }));
        return { path: e.name, migrationFile: { path: "migration.sql", content } };
      }),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE_NAME, content: lockContent },
    shadowDbInitScript: SHADOW_INIT_SCRIPT,
    migrationDirectories,
  };
}

/** schema.prisma (or a folder of *.prisma files) as the engine's SchemasContainer. */
export async function loadSchema(schemaPath = SCHEMA_PATH): Promise<SchemasContainer> {
  const files: string[] = [];
  if ((await stat(schemaPath)).isDirectory()) {
    for (const e of await readdir(schemaPath, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith(".prisma")) files.push(path.join(e.parentPath, e.name));
    }
    files.sort();
  } else {
    files.push(schemaPath);
  }
  return {
    files: await Promise.all(files.map(async (p) => ({ path: p, content: await readFile(p, "utf8") }))),
  };
}

/** Engine errors are `SchemaConnectorError`s; user-facing ones carry a Prisma error code (e.g. P3009). */
export function formatEngineError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: string }).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
