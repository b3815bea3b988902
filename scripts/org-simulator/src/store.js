/**
 * The fixture org in memory, with indexes: records by Id per object (rebuilt when a record array is
 * replaced or changes length), and the org's schema. Tests may mutate `org` freely between requests.
 */
import { buildSchema } from './schema.js';
import { toId18 } from '@code42-companion/rules';
import { canonicalId } from './ids.js';

export class Store {
  constructor(org) {
    this.org = org;
    org.objects ||= {};
    this.idMaps = new Map();
    this.signature = null;
    this.schema = null;
    this.entityDefs = null;
    this.refresh();
  }

  /** Cheap change detection, run before each request. */
  refresh() {
    const org = this.org;
    const parts = [];
    for (const group of [org.objects || {}, org.tooling || {}]) {
      for (const [name, arr] of Object.entries(group)) parts.push(name, arr.length);
    }
    parts.push(JSON.stringify(org.missingObjects || []), JSON.stringify(org.noAccess || {}), JSON.stringify(org.extraFields || {}));
    const sig = parts.join('|');
    if (sig !== this.signature) {
      this.signature = sig;
      this.idMaps.clear();
      this.schema = buildSchema(org);
      this.entityDefs = null;
    }
  }

  /** Records of an object by canonical name (tooling objects when `tooling`). */
  records(name, tooling = false) {
    const group = tooling ? this.org.tooling || {} : this.org.objects;
    return group[name] || (tooling ? this.org.objects[name] : undefined) || [];
  }

  /** EntityDefinition rows derived from the schema, for fixtures that carry none. */
  entityDefinitions() {
    this.entityDefs ||= this.schema.names().map((n, i) => {
      const d = this.schema.describe(n);
      const id15 = `000${String(i + 1).padStart(12, '0')}`;
      return { Id: toId18(id15), DurableId: n, QualifiedApiName: n, DeveloperName: n, Label: d?.label || n, KeyPrefix: d?.keyPrefix || null, IsQueryable: !d?.stream, IsCustomizable: false };
    });
    return this.entityDefs;
  }

  idMap(name) {
    let map = this.idMaps.get(name);
    if (!map) {
      map = new Map();
      for (const r of this.records(name)) map.set(r.Id, r);
      this.idMaps.set(name, map);
    }
    return map;
  }

  /** Finds a record by Id among candidate objects; returns { type, record } or undefined. */
  lookup(id, targets) {
    if (id == null) return undefined;
    if (id.length !== 18) id = canonicalId(id);
    for (const t of targets) {
      const rec = this.idMap(t).get(id);
      if (rec) return { type: t, record: rec };
    }
    return undefined;
  }

  insert(name, record) {
    (this.org.objects[name] ||= []).push(record);
    this.refresh();
  }

  remove(name, id) {
    const arr = this.org.objects[name] || [];
    const i = arr.findIndex((r) => r.Id === id);
    if (i >= 0) arr.splice(i, 1);
    this.refresh();
    return i >= 0;
  }
}
