//! The stored form of an address: 16 bytes, IPv4 as IPv4-mapped IPv6, so both families sort
//! in one key space and one btree answers lookups of either.

use std::net::{IpAddr, Ipv6Addr};

/// Bytes of every stored key.
pub const KEY_LEN: usize = 16;

/// The 16-byte key of `ip`. An IPv4 address and its IPv4-mapped IPv6 form (`::ffff:a.b.c.d`,
/// which dual-stack sockets report for IPv4 clients) get the same key, so either finds the
/// range.
pub fn key(ip: IpAddr) -> [u8; KEY_LEN] {
    match ip {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

/// The address of a stored key, shown as people write it (IPv4 dotted for mapped keys).
/// `None` when the bytes are not a key (wrong length).
pub fn address(key: &[u8]) -> Option<IpAddr> {
    let octets: [u8; KEY_LEN] = key.try_into().ok()?;
    let v6 = Ipv6Addr::from(octets);
    Some(match v6.to_ipv4_mapped() {
        Some(v4) => IpAddr::V4(v4),
        None => IpAddr::V6(v6),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv4_is_stored_mapped_and_round_trips() {
        let k = key(ip("192.0.2.1"));
        assert_eq!(&k[..12], &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
        assert_eq!(&k[12..], &[192, 0, 2, 1]);
        assert_eq!(key(ip("::ffff:192.0.2.1")), k);
        assert_eq!(address(&k), Some(ip("192.0.2.1")));
        assert_eq!(address(&k[..4]), None);
    }

    #[test]
    fn keys_sort_as_addresses() {
        let order = [
            "::1",
            "0.0.0.0",
            "9.255.255.255",
            "10.0.0.0",
            "255.255.255.255",
            "2001:db8::",
            "2001:db8::1",
            "2001:db8:1::",
            "ffff::",
        ];
        let keys: Vec<_> = order.iter().map(|s| key(ip(s))).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(address(&key(ip("2001:db8::1"))), Some(ip("2001:db8::1")));
    }
}
