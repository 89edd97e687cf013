// EndpointSlices: the address type, the first three ports (number, else name, else `*`)
// and the first three endpoint addresses, each with how many more.

import { AGE, NAME, column } from './columns.js';
import { ageOf, listWithMore, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface EndpointSliceView extends ObjectView {
  addressType?: string;
  ports?: { port?: number | null; name?: string | null }[];
  endpoints?: { addresses?: string[] }[];
}

const MAX_SHOWN = 3;

function portText(port: { port?: number | null; name?: string | null }): string {
  if (port.port != null) return String(port.port);
  if (port.name != null) return port.name;
  return '*';
}

const endpointSlicePrinter: TablePrinter = {
  columns: [
    NAME,
    column('AddressType', 'string', 'IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'Ports of the endpoints, the first three of them.'),
    column('Endpoints', 'string', 'Addresses of the endpoints, the first three of them.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const slice = obj as EndpointSliceView;
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      nameOf(slice),
      slice.addressType ?? '',
      listWithMore((slice.ports ?? []).map(portText), MAX_SHOWN),
      listWithMore(addresses, MAX_SHOWN),
      ageOf(slice, now),
    ];
  },
};

export const discoveryPrinters: PrinterMap = { endpointslices: endpointSlicePrinter };
