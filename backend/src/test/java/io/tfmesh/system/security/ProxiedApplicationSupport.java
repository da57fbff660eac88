package io.tfmesh.system.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application of its own (its own database too), run as behind a TLS-terminating proxy (the
 * {@code tls-proxy} profile), with small login limits and a clock the tests move on. Its
 * subclasses share it. Its accounts are those of {@link IntegrationTestSupport}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("tls-proxy")
@Import(ProxiedApplicationSupport.MovableTime.class)
abstract class ProxiedApplicationSupport {

	static final Duration LOCKOUT = Duration.ofMinutes(10);

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MovableClock clock;

	@Autowired
	private JsonMapper json;

	protected Api api;

	@DynamicPropertySource
	static void proxiedProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		// registering a cluster would test its connections and observe it in the background;
		// OnboardingApplicationSupport turns it on for the tests of onboarding
		registry.add("tfmesh.onboarding.enabled", () -> "false");
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "3");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "8");
		registry.add("tfmesh.security.login.lockout", LOCKOUT::toString);
	}

	@BeforeEach
	void createApi() {
		api = new Api("http://localhost:" + port, json);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-proxied-data-");
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
