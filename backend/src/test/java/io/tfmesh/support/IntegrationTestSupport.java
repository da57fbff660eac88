package io.tfmesh.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the whole application over HTTP against a real PostgreSQL server
 * (the embedded one, in a fresh data directory per test run). Every subclass shares one
 * application context, so tests name what they create uniquely instead of cleaning up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestSupport {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JsonMapper json;

	protected Api api;

	@DynamicPropertySource
	static void tfmeshProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> ADMIN_PASSWORD);
		// tests observe when they want to, and a silent cluster must not hold them for long
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		// tests poll health when they want to
		registry.add("tfmesh.health.scheduled", () -> "false");
		// registering a cluster would test its connections and observe it in the background;
		// OnboardingApplicationSupport turns it on for the tests of onboarding
		registry.add("tfmesh.onboarding.enabled", () -> "false");
		registry.add("tfmesh.fabric.observation-timeout", () -> "3s");
		// the suite's deliberately wrong credentials all come from 127.0.0.1, many for the same
		// accounts; LoginAbuseIT tests the login limits in an application of its own
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "100000");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "100000");
		// webhook receivers in tests come back, or are given up, within seconds
		registry.add("tfmesh.notify.poll-interval", () -> "100ms");
		registry.add("tfmesh.notify.timeout", () -> "5s");
		registry.add("tfmesh.notify.backoff-base", () -> "100ms");
		registry.add("tfmesh.notify.backoff-max", () -> "800ms");
		// enough attempts to outlast a loaded machine's slow test steps while a receiver is down
		registry.add("tfmesh.notify.max-attempts", () -> "14");
	}

	@BeforeEach
	void createApi() {
		api = new Api("http://localhost:" + port, json);
	}

	public static Path dataDir() {
		return DATA_DIR;
	}

	/** A name no other test uses, valid as a DNS label. */
	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Path createDataDir() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target.toAbsolutePath(), "it-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
