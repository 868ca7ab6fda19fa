package dev.roundup.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Requests released at the same instant from many clients, as a double click or a burst of visitors sends them. */
public final class AtOnce {

    private AtOnce() {
    }

    /** Runs {@code request} from {@code n} threads released together; returns every status code, in thread order. */
    public static List<Integer> answers(int n, Callable<Integer> request) throws Exception {
        return released(n, i -> request);
    }

    /**
     * Posts a form from {@code n} browsers, each with its CSRF token fetched before the release, so the posts themselves
     * arrive together; {@code form} gives browser {@code i}'s form. Returns every status code, in browser order.
     */
    public static List<Integer> posts(int n, String path, IntFunction<Map<String, String>> form) throws Exception {
        return released(n, i -> {
            Browser browser = new Browser();
            browser.csrfToken();
            return () -> browser.post(path, form.apply(i)).statusCode();
        });
    }

    /** {@code prepare} runs on each thread before the release and gives what that thread sends after it. */
    private static List<Integer> released(int n, IntFunction<Callable<Integer>> prepare) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    Callable<Integer> request = prepare.apply(index);
                    start.await();
                    return request.call();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }
}
