package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Clients;
import dev.roundup.web.Roles;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Guesses sent all at once are limited as strictly as guesses sent one by one: each attempt is counted before its
 * password is checked, in the same step that asks whether it is allowed, so a burst cannot slip through while bcrypt
 * runs. The burst comes from a loopback address of its own.
 */
@QuarkusTest
class ParallelGuessesTest {

    private static final int BURST = 40;

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThanTheLimit() throws Exception {
        Accounts.add("burst-target@example.org", "the-burst-password", Roles.EDITOR);
        CyclicBarrier start = new CyclicBarrier(BURST);
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String guess = "guess-" + i;
                Callable<Integer> attempt = () -> {
                    start.await();
                    return Clients.from("127.0.0.21").auth().preemptive().basic("burst-target@example.org", guess)
                            .get("/api/me").statusCode();
                };
                answers.add(pool.submit(attempt));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            long checked = counts.getOrDefault(401, 0L);
            assertTrue(checked <= 10, "at most the account's 10 failures had their password checked: " + counts);
            assertEquals(BURST, checked + counts.getOrDefault(429, 0L), "every other guess waits: " + counts);
        } finally {
            pool.shutdownNow();
        }
    }
}
