import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second that a running tfmesh answers with HTTP Basic, with a personal API token,
 * and on the public health path with wrong Basic credentials, from a few client threads for a
 * few seconds each (after a warm-up). Run against tfmesh started once with
 * {@code --tfmesh.security.basic-cache.ttl=0s} (every call checks its password) and once without
 * (verified credentials are remembered):
 *
 * <pre>
 * java backend/bench/BasicAuthBench.java http://localhost:18080 admin PASSWORD [seconds] [threads]
 * </pre>
 */
public final class BasicAuthBench {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: java BasicAuthBench.java BASE_URL USERNAME PASSWORD [seconds] [threads]");
			System.exit(2);
		}
		String base = args[0];
		String basic = basic(args[1], args[2]);
		int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
		int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
		String token = token(base, basic);
		System.out.printf(Locale.ROOT, "%d client threads, %d s per case after a 2 s warm-up%n", threads, seconds);
		System.out.printf(Locale.ROOT, "%-46s %10s %10s %10s%n", "case", "req/s", "p50 ms", "p99 ms");
		run("GET /api/v1/clouds, HTTP Basic", base + "/api/v1/clouds", basic, 200, seconds, threads);
		run("GET /api/v1/clouds, API token", base + "/api/v1/clouds", "Bearer " + token, 200, seconds, threads);
		run("GET /actuator/health, wrong HTTP Basic", base + "/actuator/health", basic(args[1], "wrong-" + args[2]),
				200, seconds, threads);
		run("GET /actuator/health, no credentials", base + "/actuator/health", null, 200, seconds, threads);
	}

	private static void run(String name, String url, String authorization, int expected, int seconds, int threads)
			throws Exception {
		measure(url, authorization, expected, 2, threads);
		List<Long> nanos = measure(url, authorization, expected, seconds, threads);
		Collections.sort(nanos);
		System.out.printf(Locale.ROOT, "%-46s %10.1f %10.1f %10.1f%n", name, nanos.size() / (double) seconds,
				percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6);
	}

	private static List<Long> measure(String url, String authorization, int expected, int seconds, int threads)
			throws Exception {
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<List<Long>>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			results.add(pool.submit(() -> {
				List<Long> times = new ArrayList<>();
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
				if (authorization != null) {
					request.header("Authorization", authorization);
				}
				HttpRequest built = request.build();
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					HttpResponse<Void> response = HTTP.send(built, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() != expected) {
						throw new IllegalStateException(url + " answered " + response.statusCode());
					}
					times.add(System.nanoTime() - start);
				}
				return times;
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> result : results) {
			all.addAll(result.get());
		}
		pool.shutdown();
		return all;
	}

	private static String token(String base, String basic) throws Exception {
		HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-" + System.currentTimeMillis() + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
		if (created.statusCode() != 201 || !token.find()) {
			throw new IllegalStateException("could not create an API token: " + created.statusCode() + " " + created.body());
		}
		return token.group(1);
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static double percentile(List<Long> sorted, double p) {
		return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
	}

}
