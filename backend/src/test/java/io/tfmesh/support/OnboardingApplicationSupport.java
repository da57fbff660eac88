package io.tfmesh.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as people run it where registering matters: registering a cluster tests its
 * connections and observes it in the background, and live panels refresh every second. It runs
 * on a database of its own, since {@link IntegrationTestSupport}'s turns onboarding off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OnboardingApplicationSupport {

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JsonMapper json;

	protected Api api;

	@DynamicPropertySource
	static void onboardingProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		registry.add("tfmesh.fabric.observation-timeout", () -> "15s");
		registry.add("tfmesh.onboarding.enabled", () -> "true");
		// the first Kubernetes client of a run takes seconds to set up on a busy machine
		registry.add("tfmesh.onboarding.timeout", () -> "15s");
		registry.add("tfmesh.ui.refresh-interval", () -> "1s");
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "100000");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "100000");
	}

	@BeforeEach
	void createApi() {
		api = new Api("http://localhost:" + port, json);
	}

	private static Path createDataDir() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target.toAbsolutePath(), "it-onboarding-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
