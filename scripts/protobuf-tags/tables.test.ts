// The generator's readers and join on a miniature API package: a generated.proto and its
// Go types, written to a temporary directory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGoPackage } from './go-types.js';
import { readProtoFile, ProtoSyntaxError } from './proto-files.js';
import { buildTables, ProtobufInputError } from './tables.js';

const PROTO = `
/* licence */
syntax = "proto2";
package k8s.io.api.demo.v1;
import "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto";
option go_package = "k8s.io/api/demo/v1";

// Widget is a demo; 'widgets/*' in a comment must not open a block comment.
message Widget {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional WidgetSpec spec = 2;
}

message WidgetSpec {
  optional int32 replicas = 1;
  repeated string tags = 2;
  map<string, bytes> blobs = 3;
  optional Source source = 4;
  optional string retired = 5;
  optional Names names = 6;
  optional string added = 7;
}

message Source {
  optional string url = 1;
}

message Names {
  repeated string items = 1;
}
`;

const GO = `package v1

// Widget is a demo.
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	// +optional
	metav1.ObjectMeta \`json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"\`
	Spec WidgetSpec \`json:"spec" protobuf:"bytes,2,opt,name=spec"\`
}

type WidgetSpec struct {
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"\`
	Tags []string \`json:"tags" protobuf:"bytes,2,rep,name=tags"\`
	Blobs map[string][]byte \`json:"blobs,omitempty" protobuf:"bytes,3,rep,name=blobs"\`
	Source \`json:",inline" protobuf:"bytes,4,opt,name=source"\`
	Retired string \`json:"-" protobuf:"bytes,5,opt,name=retired"\`
	Names Names \`json:"names,omitempty,omitzero" protobuf:"bytes,6,opt,name=names"\`
	Added string \`json:"added,omitempty" protobuf:"bytes,7,opt,name=added"\`
}

type Source struct {
	URL string \`json:"url,omitempty" protobuf:"bytes,1,opt,name=url"\`
}

// Names is a list.
type Names []string
`;

const META_PROTO = `
syntax = "proto2";
package k8s.io.apimachinery.pkg.apis.meta.v1;
message ObjectMeta {
  optional string name = 1;
}
`;

const META_GO = `package v1
type ObjectMeta struct {
	Name string \`json:"name,omitempty" protobuf:"bytes,1,opt,name=name"\`
}
`;

function withPackages(run: (root: string) => void): void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'protobuf-tags-'));
  try {
    const demo = path.join(root, 'api', 'demo', 'v1');
    const meta = path.join(root, 'apimachinery', 'pkg', 'apis', 'meta', 'v1');
    mkdirSync(demo, { recursive: true });
    mkdirSync(meta, { recursive: true });
    writeFileSync(path.join(demo, 'generated.proto'), PROTO);
    writeFileSync(path.join(demo, 'types.go'), GO);
    writeFileSync(path.join(demo, 'types_test.go'), 'package v1\ntype Widget struct {\n}\n');
    writeFileSync(path.join(meta, 'generated.proto'), META_PROTO);
    writeFileSync(path.join(meta, 'types.go'), META_GO);
    run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const TYPES = {
  'io.k8s.api.demo.v1.Widget': { properties: { apiVersion: {}, kind: {}, metadata: {}, spec: {} } },
  // `added` is newer than this schema: the table leaves it out. `url` comes from the embedded Source.
  'io.k8s.api.demo.v1.WidgetSpec': { properties: { replicas: {}, tags: {}, blobs: {}, url: {}, names: {}, gone: {} } },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { properties: { name: {} } },
  'io.k8s.apimachinery.pkg.version.Info': { properties: {} },
};

test('proto files: package, messages, fields, maps, qualified names', () => {
  withPackages((root) => {
    const file = readProtoFile(path.join(root, 'api', 'demo', 'v1', 'generated.proto'));
    assert.equal(file.packageName, 'k8s.io.api.demo.v1');
    const widget = file.messages.find((m) => m.name === 'Widget');
    assert.deepEqual(widget?.fields[0], { number: 1, name: 'metadata', type: 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta', repeated: false, map: false });
    const spec = file.messages.find((m) => m.name === 'WidgetSpec');
    assert.deepEqual(spec?.fields.find((f) => f.name === 'blobs'), { number: 3, name: 'blobs', type: 'bytes', repeated: false, map: true });
    assert.equal(spec?.fields.find((f) => f.name === 'source')?.type, 'k8s.io.api.demo.v1.Source');
  });
});

test('proto files: an unknown construct is a ProtoSyntaxError naming the line', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'protobuf-tags-'));
  try {
    const file = path.join(root, 'generated.proto');
    writeFileSync(file, 'package a;\nmessage A {\n  oneof x {\n}\n');
    assert.throws(() => readProtoFile(file), (error: unknown) => error instanceof ProtoSyntaxError && /generated\.proto:3/.test(error.message));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('Go types: fields with JSON names and options, embedded structs, slice types; test files ignored', () => {
  withPackages((root) => {
    const pkg = readGoPackage(path.join(root, 'api', 'demo', 'v1'));
    const widget = pkg.types.get('Widget');
    assert.equal(widget?.kind, 'struct');
    if (widget?.kind !== 'struct') return;
    assert.equal(widget.fields.length, 3);
    assert.deepEqual(widget.fields[1], { name: '', goType: 'metav1.ObjectMeta', protobufNumber: 1, jsonName: 'metadata', omitempty: true, omitzero: false, jsonSkipped: false });
    assert.deepEqual(pkg.types.get('Names'), { kind: 'slice' });
  });
});

test('the join: flags, embedded fields, list types, fields the schema lacks left out, the rest reported', () => {
  withPackages((root) => {
    const files = [path.join(root, 'api', 'demo', 'v1', 'generated.proto'), path.join(root, 'apimachinery', 'pkg', 'apis', 'meta', 'v1', 'generated.proto')];
    const { tags, report } = buildTables(files.map(readProtoFile), TYPES);
    assert.deepEqual(tags.messages['io.k8s.api.demo.v1.Widget'], [
      [1, 'metadata', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'o'],
      [2, 'spec', 'WidgetSpec', ''],
    ]);
    assert.deepEqual(tags.messages['io.k8s.api.demo.v1.WidgetSpec'], [
      [1, 'replicas', 'int32', 'po'],
      [2, 'tags', 'string', 'r'],
      [3, 'blobs', 'bytes', 'mo'],
      [4, '', 'Source', ''],
      [6, 'names', 'Names', 'oz'],
    ]);
    assert.deepEqual(tags.lists, ['io.k8s.api.demo.v1.Names']);
    assert.deepEqual(report, {
      withoutMessage: ['io.k8s.apimachinery.pkg.version.Info'],
      dropped: ['io.k8s.api.demo.v1.WidgetSpec.added'],
      notCarried: ['io.k8s.api.demo.v1.WidgetSpec.gone'],
    });
  });
});

test('the join: a Go field whose number the .proto lacks is a ProtobufInputError', () => {
  withPackages((root) => {
    const demo = path.join(root, 'api', 'demo', 'v1');
    writeFileSync(path.join(demo, 'types.go'), GO.replace('name=added"', 'name=added"`\n\tExtra string `json:"extra" protobuf:"bytes,9,opt,name=extra"'));
    const files = [path.join(demo, 'generated.proto'), path.join(root, 'apimachinery', 'pkg', 'apis', 'meta', 'v1', 'generated.proto')];
    assert.throws(() => buildTables(files.map(readProtoFile), TYPES), (error: unknown) => error instanceof ProtobufInputError && /protobuf number 9/.test(error.message));
  });
});
