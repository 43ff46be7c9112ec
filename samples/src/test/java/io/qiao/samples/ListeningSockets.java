package io.qiao.samples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The addresses a TCP port listens on, as the Linux kernel lists them ({@code /proc/net/tcp} and {@code tcp6}):
 * what a socket is really bound to, whatever the server's configuration says.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The local addresses of the sockets listening on {@code port}; empty when none does. */
    static List<InetAddress> addressesListeningOn(int port) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // read once: the table changes as other sockets come and go
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                    out.add(address(local[0]));
                }
            }
        }
        return out;
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(raw); // an IPv4-mapped IPv6 address comes back as the IPv4 one
    }
}
