package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.client.QiaoException;
import io.qiao.client.Secret;
import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.TokenStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON file {@code {"<app key>": {"access_token": ..., "refresh_token": ..., "issued_at": ..., "expires_at": ...}}}.
 * Each save rewrites the whole file through a temporary file, fsync and an atomic rename, so a crash never
 * leaves half a token behind; the file is created owner-read/write only where the file system allows.
 */
public final class FileTokenStore implements TokenStore {
    private final Path file;
    private final ObjectMapper mapper = Json.newMapper();
    private final Object lock = new Object();

    public FileTokenStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    @Override
    public Optional<AccessToken> load(String appKey) {
        synchronized (lock) {
            JsonNode entry = readAll().get(appKey);
            if (entry == null || !entry.hasNonNull("access_token")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new AccessToken(Secret.of(entry.get("access_token").asText()),
                        entry.hasNonNull("refresh_token") && !entry.get("refresh_token").asText().isEmpty()
                                ? Secret.of(entry.get("refresh_token").asText()) : null,
                        Instant.parse(entry.get("issued_at").asText()), Instant.parse(entry.get("expires_at").asText()),
                        entry.hasNonNull("scope") ? entry.get("scope").asText() : null));
            } catch (RuntimeException e) {
                throw new QiaoException("token file " + file + ": the entry of app key " + appKey
                        + " is damaged (" + e.getClass().getSimpleName() + "); delete the file to start afresh", e);
            }
        }
    }

    @Override
    public void save(String appKey, AccessToken token) {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(token, "token");
        synchronized (lock) {
            ObjectNode all = readAll();
            ObjectNode entry = all.putObject(appKey);
            entry.put("access_token", token.accessToken().reveal());
            if (token.refreshToken() != null) {
                entry.put("refresh_token", token.refreshToken().reveal());
            }
            entry.put("issued_at", token.issuedAt().toString());
            entry.put("expires_at", token.expiresAt().toString());
            if (token.scope() != null) {
                entry.put("scope", token.scope());
            }
            write(all);
        }
    }

    @Override
    public void delete(String appKey) {
        synchronized (lock) {
            ObjectNode all = readAll();
            if (all.remove(appKey) != null) {
                write(all);
            }
        }
    }

    private ObjectNode readAll() {
        if (!Files.exists(file)) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(file.toFile());
            return node instanceof ObjectNode o ? o : mapper.createObjectNode();
        } catch (JsonProcessingException e) {
            // Jackson quotes the text it choked on, and in this file that text may be a token: say where, not what.
            JsonLocation at = e.getLocation();
            throw new QiaoException("cannot read the token file " + file + ": it is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; delete the file to start afresh");
        } catch (IOException e) {
            throw new QiaoException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode all) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                restrictToOwner(tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(ByteBuffer.wrap(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(all)));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new QiaoException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the directory's ACLs apply.
        }
    }

    @Override
    public String toString() {
        return "FileTokenStore{" + file + "}";
    }
}
