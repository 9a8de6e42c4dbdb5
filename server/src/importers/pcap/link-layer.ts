// Link-layer headers in front of IP: where the IP packet starts, per LINKTYPE_ value.

export const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;

export type LinkResult = { ipOffset: number } | 'not-ip' | 'unsupported' | 'truncated';

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;

function fromEthertype(t: number, off: number): LinkResult {
  return t === ETH_IPV4 || t === ETH_IPV6 ? { ipOffset: off } : 'not-ip';
}

// BSD loopback address families for IPv4 (2) and IPv6 (10 Linux, 24 NetBSD/OpenBSD, 28 FreeBSD, 30 Darwin).
function nullFamilyIsIp(f: number): boolean {
  return f === 2 || f === 10 || f === 24 || f === 28 || f === 30;
}

export function locateIp(linkType: number, d: Buffer): LinkResult {
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      if (d.length < 14) return 'truncated';
      let off = 12;
      let t = d.readUInt16BE(off);
      // 802.1Q / 802.1ad / old QinQ tags, possibly stacked.
      while (t === 0x8100 || t === 0x88a8 || t === 0x9100) {
        off += 4;
        if (d.length < off + 2) return 'truncated';
        t = d.readUInt16BE(off);
      }
      return fromEthertype(t, off + 2);
    }
    case LINKTYPE.RAW: case LINKTYPE.IPV4: case LINKTYPE.IPV6: case 12: case 14:
      // 12 and 14 are DLT_RAW on some BSDs, written unmapped by old tools.
      return { ipOffset: 0 };
    case LINKTYPE.LINUX_SLL:
      if (d.length < 16) return 'truncated';
      return fromEthertype(d.readUInt16BE(14), 16);
    case LINKTYPE.LINUX_SLL2:
      if (d.length < 20) return 'truncated';
      return fromEthertype(d.readUInt16BE(0), 20);
    case LINKTYPE.NULL: case LINKTYPE.LOOP: {
      if (d.length < 4) return 'truncated';
      // NULL is in the capturing host's byte order, which the file does not record: a family
      // is a small number, so whichever order gives one is the right one.
      const be = d.readUInt32BE(0);
      const fam = linkType === LINKTYPE.LOOP || be < 256 ? be : d.readUInt32LE(0);
      return nullFamilyIsIp(fam) ? { ipOffset: 4 } : 'not-ip';
    }
    default:
      return 'unsupported';
  }
}
