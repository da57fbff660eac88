package io.tfmesh.fabric;

import java.time.Duration;
import java.util.Map;

import io.tfmesh.system.retry.Retrying;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FabricSettingsTest {

	@Test
	void bindsTheDefaults() {
		FabricSettings settings = bind(Map.of());
		assertThat(settings).isEqualTo(FabricSettings.defaults());
		assertThat(settings.retryBackoff())
			.isEqualTo(new Retrying.Backoff(2, Duration.ofMillis(200), 2.0, Duration.ofMillis(100), Duration.ofSeconds(2)));
	}

	@Test
	void bindsTheRetrySettings() {
		FabricSettings settings = bind(Map.of("tfmesh.fabric.retries", "4", "tfmesh.fabric.retry-delay", "50ms",
				"tfmesh.fabric.retry-jitter", "0", "tfmesh.fabric.retry-max-delay", "1s"));
		assertThat(settings.retryBackoff())
			.isEqualTo(new Retrying.Backoff(4, Duration.ofMillis(50), 2.0, Duration.ZERO, Duration.ofSeconds(1)));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void refusesADelayLongerThanTheLongestWait() {
		assertThatThrownBy(() -> bind(Map.of("tfmesh.fabric.retry-delay", "5s"))).isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("shorter than the delay");
	}

	private static FabricSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tfmesh.fabric",
				FabricSettings.class);
	}

}
