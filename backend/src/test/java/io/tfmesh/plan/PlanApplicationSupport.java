package io.tfmesh.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.tfmesh.support.Api;
import io.tfmesh.support.MovableClock;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application of its own (its own database too) whose clock stands still until a test moves
 * it; everything else is tfmesh's own: the compiler, the intents, the plans' rules, store and
 * API, the observation of the targets and the workers that apply the steps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PlanApplicationSupport.MovableTime.class)
abstract class PlanApplicationSupport {

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MovableClock clock;

	@Autowired
	protected Scheduler scheduler;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected JsonMapper json;

	protected Api api;

	@DynamicPropertySource
	static void planProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		// registering a cluster would test its connections and observe it in the background;
		// OnboardingApplicationSupport turns it on for the tests of onboarding
		registry.add("tfmesh.onboarding.enabled", () -> "false");
		registry.add("tfmesh.fabric.observation-timeout", () -> "20s");
		registry.add("tfmesh.plans.sweep-interval", () -> "0s");
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "100000");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "100000");
		registry.add("tfmesh.apply.polling-interval", () -> "200ms");
		registry.add("tfmesh.apply.heartbeat", () -> "150ms");
		registry.add("tfmesh.apply.backoff-base", () -> "50ms");
		registry.add("tfmesh.apply.backoff-max", () -> "400ms");
	}

	@BeforeEach
	void createApi() {
		// the workers run steps due by tfmesh's clock on the database's: a test starts at the real now
		clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
		scheduler.resume();
		api = new Api("http://localhost:" + port, json);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-plan-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableTime {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
		}

	}

}
