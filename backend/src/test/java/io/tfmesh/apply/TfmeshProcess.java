package io.tfmesh.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.support.Api;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tfmesh running in a JVM of its own, from the test classpath, so that a test can kill it as
 * the operating system would: no shutdown hooks, no last words to its database.
 */
final class TfmeshProcess implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern STARTED = Pattern.compile("Started " + TfmeshApplication.class.getSimpleName() + " in");

	private final Process process;

	private final Path log;

	private final int port;

	private TfmeshProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/** Starts tfmesh with these properties and waits until it is ready for requests. */
	static TfmeshProcess start(String name, Map<String, String> properties, Duration startup) {
		try {
			Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), name + "-", ".log");
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
					TfmeshApplication.class.getName()));
			properties.forEach((key, value) -> command.add("--" + key + "=" + value));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			try {
				await().atMost(startup).pollInterval(Duration.ofMillis(200)).until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
					}
					return STARTED.matcher(Files.readString(log)).find();
				});
				Matcher port = PORT.matcher(Files.readString(log));
				assertThat(port.find()).as("the port in " + log).isTrue();
				TfmeshProcess started = new TfmeshProcess(process, log, Integer.parseInt(port.group(1)));
				// ready once the startup runners, which create the admin account, have run
				Api anonymous = started.api(JsonMapper.builder().build());
				await().atMost(startup)
					.pollInterval(Duration.ofMillis(200))
					.until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
				return started;
			}
			catch (RuntimeException | AssertionError ex) {
				process.destroyForcibly();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Api api(JsonMapper json) {
		return new Api("http://localhost:" + port, json);
	}

	Path log() {
		return log;
	}

	/** kill -9: the process ends between two instructions, whatever it was doing. */
	void kill() {
		process.destroyForcibly();
		try {
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("tfmesh ended after kill -9").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			kill();
		}
	}

}
