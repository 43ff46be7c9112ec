package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.HttpTransport;
import io.qiao.client.Response;
import io.qiao.proof.Conversations.Recorded;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every response decoder of the four clients (tokens, envelopes, pages, records, create answers) against broken
 * answers: a recorded real conversation is replayed with one answer replaced by a mutation of it (truncated, random
 * bytes, invalid UTF-8, a value of the wrong type, a huge number, a deep nesting, a missing field, a random status)
 * or by random JSON. Each call must end in a value, a {@link DecodeException} or an {@link ApiException}: never
 * another exception type, never a hang.
 */
class ResponseDecoderFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ExecutorService CALLER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-call");
        t.setDaemon(true);
        return t;
    });
    private static final long HANG_SECONDS = 10;

    @AfterContainer
    static void stop() {
        CALLER.shutdownNow();
    }

    @Example
    void everyRecordedConversation_replaysToAValue() {
        assertThat(Conversations.all()).hasSizeGreaterThanOrEqualTo(12);
        for (Recorded r : Conversations.all()) {
            Outcome outcome = replay(r, -1, Mutation.NONE, 0);
            assertThat(outcome.failure).as(r + " replayed unchanged").isNull();
            assertThat(outcome.answered.get()).as(r + " requests").isEqualTo(r.answers().size());
        }
    }

    @Property(tries = 500, seed = FuzzSeed.VALUE)
    void mutatedAnswer_endsInAValueOrADecodeOrApiException(@ForAll("recorded") Recorded conversation,
                                                           @ForAll("mutations") Mutation mutation,
                                                           @ForAll long seed) {
        int index = (int) Math.floorMod(seed, (long) conversation.answers().size());
        Outcome outcome = replay(conversation, index, mutation, seed);
        assertAcceptable(conversation + ", answer " + index + " " + mutation, outcome);
    }

    @Property(tries = 150, seed = FuzzSeed.VALUE)
    void everyAnswerRandomJson_endsInAValueOrADecodeOrApiException(@ForAll("recorded") Recorded conversation,
                                                                   @ForAll long seed) {
        Outcome outcome = replay(conversation, Integer.MAX_VALUE, Mutation.RANDOM_JSON, seed);
        assertAcceptable(conversation + ", every answer random JSON", outcome);
    }

    @Provide
    Arbitrary<Recorded> recorded() {
        return Arbitraries.of(Conversations.all());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.of(Arrays.stream(Mutation.values()).filter(m -> m != Mutation.NONE).toList());
    }

    private static void assertAcceptable(String what, Outcome outcome) {
        Throwable f = outcome.failure;
        if (f == null || f instanceof DecodeException || f instanceof ApiException) {
            if (f != null) {
                assertThat(f.getMessage()).as(what + ": message").isNotBlank();
            }
            return;
        }
        throw new AssertionError(what + " ended in " + f.getClass().getName() + ": " + f.getMessage(), f);
    }

    record Outcome(Throwable failure, AtomicInteger answered) {
    }

    /** Replays the conversation; answer {@code index} (every answer for MAX_VALUE) is mutated. */
    static Outcome replay(Recorded conversation, int index, Mutation mutation, long seed) {
        List<Response> answers = conversation.answers();
        AtomicInteger n = new AtomicInteger();
        Random random = new Random(seed);
        HttpTransport stub = request -> {
            int i = n.getAndIncrement();
            Response original = answers.get(Math.min(i, answers.size() - 1));
            Response answer = new Response(request, original.status(), original.headers(), original.body());
            return i == index || index == Integer.MAX_VALUE ? mutation.apply(answer, random) : answer;
        };
        Runnable call = conversation.operation().call().apply(stub);
        Future<?> future = CALLER.submit(call);
        try {
            future.get(HANG_SECONDS, TimeUnit.SECONDS);
            return new Outcome(null, n);
        } catch (ExecutionException e) {
            return new Outcome(e.getCause(), n);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(conversation + " " + mutation + " (seed " + seed + ") still running after "
                    + HANG_SECONDS + " s: a hang");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The ways an answer is broken. */
    enum Mutation {
        NONE {
            @Override
            byte[] body(byte[] body, Random r) {
                return body;
            }
        },
        EMPTY {
            @Override
            byte[] body(byte[] body, Random r) {
                return new byte[0];
            }
        },
        TRUNCATED {
            @Override
            byte[] body(byte[] body, Random r) {
                return Arrays.copyOf(body, body.length == 0 ? 0 : r.nextInt(body.length));
            }
        },
        RANDOM_BYTES {
            @Override
            byte[] body(byte[] body, Random r) {
                byte[] b = new byte[r.nextInt(600)];
                r.nextBytes(b);
                return b;
            }
        },
        FLIPPED_BYTES {
            @Override
            byte[] body(byte[] body, Random r) {
                byte[] b = body.clone();
                for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
        },
        INVALID_UTF8 {
            @Override
            byte[] body(byte[] body, Random r) {
                // a lone continuation byte, an overlong encoding, a truncated 3-byte sequence, a surrogate half
                byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE4, (byte) 0xB8},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
                byte[] insert = bad[r.nextInt(bad.length)];
                String s = new String(body, StandardCharsets.UTF_8);
                // inside a string value when there is one, so the JSON structure stays intact around it
                int quote = s.indexOf("\":\"");
                int at = quote >= 0 && r.nextBoolean() ? s.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8).length
                        : r.nextInt(body.length + 1);
                byte[] b = new byte[body.length + insert.length];
                System.arraycopy(body, 0, b, 0, at);
                System.arraycopy(insert, 0, b, at, insert.length);
                System.arraycopy(body, at, b, at + insert.length, body.length - at);
                return b;
            }
        },
        WRONG_TYPE {
            @Override
            byte[] body(byte[] body, Random r) {
                return mutateTree(body, r, node -> {
                    JsonNodeFactory f = JsonNodeFactory.instance;
                    JsonNode[] wrong = {f.textNode("not-a-number"), f.numberNode(-1), f.booleanNode(true), f.nullNode(),
                            f.objectNode(), f.arrayNode(), f.textNode(""), f.textNode("2024-13-45 25:61:61"),
                            f.numberNode(1.5), f.textNode("\u0000\uFFFF")};
                    return wrong[r.nextInt(wrong.length)];
                });
            }
        },
        HUGE_NUMBER {
            @Override
            byte[] body(byte[] body, Random r) {
                return mutateTree(body, r, node -> {
                    JsonNodeFactory f = JsonNodeFactory.instance;
                    JsonNode[] huge = {f.numberNode(new BigInteger("9".repeat(400))),
                            f.numberNode(new BigDecimal("1E+400")), f.numberNode(new BigDecimal("-1E-400")),
                            f.numberNode(Long.MAX_VALUE), f.numberNode(Long.MIN_VALUE), f.numberNode(Double.MAX_VALUE),
                            f.textNode("9".repeat(5000)), f.numberNode(new BigInteger("18446744073709551616"))};
                    return huge[r.nextInt(huge.length)];
                });
            }
        },
        MISSING_FIELD {
            @Override
            byte[] body(byte[] body, Random r) {
                JsonNode tree = parse(body);
                if (tree == null) {
                    return body;
                }
                List<ObjectNode> objects = new ArrayList<>();
                collectObjects(tree, objects);
                if (!objects.isEmpty()) {
                    ObjectNode o = objects.get(r.nextInt(objects.size()));
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    if (!names.isEmpty()) {
                        o.remove(names.get(r.nextInt(names.size())));
                    }
                }
                return write(tree);
            }
        },
        DEEP_NESTING {
            @Override
            byte[] body(byte[] body, Random r) {
                int depth = 2_000 + r.nextInt(50_000);
                String nested = "[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : depth / 2);
                return mutateText(body, r, nested);
            }
        },
        HUGE_STRING {
            @Override
            byte[] body(byte[] body, Random r) {
                return mutateTree(body, r, node -> JsonNodeFactory.instance.textNode("长".repeat(200_000)));
            }
        },
        RANDOM_JSON {
            @Override
            byte[] body(byte[] body, Random r) {
                return write(randomJson(r, 0));
            }
        },
        STATUS {
            @Override
            Response apply(Response answer, Random r) {
                int[] statuses = {200, 201, 204, 301, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 999};
                return new Response(answer.request(), statuses[r.nextInt(statuses.length)], Map.of(), answer.body());
            }

            @Override
            byte[] body(byte[] body, Random r) {
                return body;
            }
        };

        abstract byte[] body(byte[] body, Random r);

        Response apply(Response answer, Random r) {
            return new Response(answer.request(), answer.status(), answer.headers(), body(answer.body(), r));
        }
    }

    static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces one random value anywhere in the tree (the root included) by what {@code replacement} makes. */
    static byte[] mutateTree(byte[] body, Random r, java.util.function.UnaryOperator<JsonNode> replacement) {
        JsonNode tree = parse(body);
        if (tree == null || !tree.isContainerNode()) {
            return body;
        }
        List<JsonNode[]> slots = new ArrayList<>(); // {parent, node}; fields and elements alike
        collectSlots(tree, slots);
        if (slots.isEmpty()) {
            return write(replacement.apply(tree));
        }
        JsonNode[] slot = slots.get(r.nextInt(slots.size()));
        JsonNode parent = slot[0];
        if (parent instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue() == slot[1]) {
                    o.set(e.getKey(), replacement.apply(e.getValue()));
                    break;
                }
            }
        } else if (parent instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) == slot[1]) {
                    a.set(i, replacement.apply(a.get(i)));
                    break;
                }
            }
        }
        return write(tree);
    }

    /** Replaces the text of one random scalar value by {@code raw} (which need not be valid JSON). */
    static byte[] mutateText(byte[] body, Random r, String raw) {
        String s = new String(body, StandardCharsets.UTF_8);
        int colon = s.indexOf(':', r.nextInt(Math.max(1, s.length())));
        if (colon < 0) {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        int end = colon + 1;
        while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return (s.substring(0, colon + 1) + raw + s.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static void collectSlots(JsonNode node, List<JsonNode[]> out) {
        node.forEach(child -> {
            out.add(new JsonNode[] {node, child});
            collectSlots(child, out);
        });
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        node.forEach(child -> collectObjects(child, out));
    }

    /** A random JSON value that leans towards vendor shapes: code/msg/data/result keys, lists, numbers as text. */
    static JsonNode randomJson(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 4 ? 4 + r.nextInt(5) : r.nextInt(9);
        String[] keys = {"code", "msg", "data", "result", "datas", "page_index", "has_next", "subCode", "contextId",
                "access_token", "expires_in", "warehouseInfo", "Data", "Result", "list", "total", "success", "message"};
        switch (kind) {
            case 0, 1, 2: {
                ObjectNode o = f.objectNode();
                for (int i = 0, n = r.nextInt(6); i < n; i++) {
                    o.set(keys[r.nextInt(keys.length)], randomJson(r, depth + 1));
                }
                return o;
            }
            case 3: {
                ArrayNode a = f.arrayNode();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    a.add(randomJson(r, depth + 1));
                }
                return a;
            }
            case 4:
                return f.numberNode(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(300) - 100);
            case 5:
                return f.textNode(r.nextBoolean() ? Integer.toString(r.nextInt(300)) : "文本" + r.nextInt());
            case 6:
                return f.booleanNode(r.nextBoolean());
            case 7:
                return f.nullNode();
            default:
                return f.numberNode(new BigDecimal(r.nextGaussian() * 1e6));
        }
    }
}
