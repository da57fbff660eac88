package io.tfmesh.notify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotifySettingsTest {

	private static NotifySettings settings(String base, String max, int attempts) {
		return new NotifySettings(Duration.ofSeconds(5), Duration.ofSeconds(10), attempts, Duration.parse(base),
				Duration.parse(max), 4, Duration.ofDays(30));
	}

	@Test
	void backoffDoublesFromTheBaseUpToTheMaximum() {
		NotifySettings settings = settings("PT10S", "PT1M", 10);
		assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.backoff(500)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aClaimOutlastsAnAttempt() {
		NotifySettings settings = settings("PT10S", "PT1M", 10);
		assertThat(settings.claim()).isGreaterThan(settings.timeout());
	}

	@Test
	void refusesSettingsThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("PT10S", "PT1M", 0))
			.withMessageContaining("max-attempts");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("PT1M", "PT10S", 3))
			.withMessageContaining("backoff-max");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("PT0S", "PT10S", 3))
			.withMessageContaining("positive");
	}

}
