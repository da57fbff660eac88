package io.tfmesh.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.MovableClock;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application (with its own database) for the tests of health, diagnoses and their pages:
 * its clock stands still until a test moves it, polls run only when a test asks, and the
 * health and diagnosis events it publishes are recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HealthApplicationSupport.Recording.class)
public abstract class HealthApplicationSupport {

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MovableClock clock;

	@Autowired
	protected Recorded<ClusterHealthChanged> healthEvents;

	@Autowired
	protected Recorded<DiagnosisFound> diagnosisEvents;

	@DynamicPropertySource
	static void healthProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		registry.add("tfmesh.onboarding.enabled", () -> "false");
		registry.add("tfmesh.health.scheduled", () -> "false");
		registry.add("tfmesh.health.poll-interval", () -> "30s");
		registry.add("tfmesh.health.request-timeout", () -> "1s");
		registry.add("tfmesh.notify.poll-interval", () -> "100ms");
		registry.add("tfmesh.notify.timeout", () -> "5s");
		registry.add("tfmesh.notify.backoff-base", () -> "100ms");
		registry.add("tfmesh.notify.backoff-max", () -> "800ms");
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "100000");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "100000");
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
					"it-health-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every event of one type published, in order. */
	public static final class Recorded<E> {

		private final List<E> events = new CopyOnWriteArrayList<>();

		void add(E event) {
			events.add(event);
		}

		public List<E> all() {
			return List.copyOf(events);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
		}

		@Bean
		Recorded<ClusterHealthChanged> healthChanges() {
			return new Recorded<>();
		}

		@Bean
		Recorded<DiagnosisFound> diagnoses() {
			return new Recorded<>();
		}

		@Bean
		Listeners listeners(Recorded<ClusterHealthChanged> healthChanges, Recorded<DiagnosisFound> diagnoses) {
			return new Listeners(healthChanges, diagnoses);
		}

	}

	static final class Listeners {

		private final Recorded<ClusterHealthChanged> healthChanges;

		private final Recorded<DiagnosisFound> diagnoses;

		Listeners(Recorded<ClusterHealthChanged> healthChanges, Recorded<DiagnosisFound> diagnoses) {
			this.healthChanges = healthChanges;
			this.diagnoses = diagnoses;
		}

		@EventListener
		void on(ClusterHealthChanged event) {
			healthChanges.add(event);
		}

		@EventListener
		void on(DiagnosisFound event) {
			diagnoses.add(event);
		}

	}

}
