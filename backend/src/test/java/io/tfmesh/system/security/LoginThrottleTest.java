package io.tfmesh.system.security;

import java.time.Duration;
import java.time.Instant;

import io.tfmesh.support.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(3, 5, Duration.ofMinutes(2)),
			clock);

	@Test
	void anAccountIsRefusedAfterItsFailuresUntilTheLockoutHasPassed() {
		throttle.failed("alice", "10.0.0.1");
		throttle.failed("alice", "10.0.0.2");
		assertThat(throttle.refusal("alice", "10.0.0.3")).isEmpty();
		clock.advance(Duration.ofSeconds(30));
		throttle.failed("alice", "10.0.0.3");

		assertThat(throttle.refusal("alice", "10.0.0.9")).contains(Duration.ofMinutes(2));
		assertThat(throttle.refusal("ALICE", "10.0.0.9")).as("usernames are counted case-blind").isPresent();
		assertThat(throttle.refusal("bob", "10.0.0.3")).isEmpty();

		clock.advance(Duration.ofSeconds(119));
		assertThat(throttle.refusal("alice", "10.0.0.9")).contains(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(throttle.refusal("alice", "10.0.0.9")).isEmpty();
	}

	@Test
	void failuresOlderThanTheLockoutNoLongerCount() {
		throttle.failed("carol", "10.0.1.1");
		throttle.failed("carol", "10.0.1.1");
		clock.advance(Duration.ofMinutes(2));
		throttle.failed("carol", "10.0.1.1");
		assertThat(throttle.refusal("carol", "10.0.1.2")).isEmpty();
	}

	@Test
	void aClientIsRefusedAfterItsFailuresWhateverUsernameOrTokenItTries() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("user-" + i, "10.0.2.1");
		}
		assertThat(throttle.refusal("someone", "10.0.2.1")).isEmpty();
		throttle.failed(null, "10.0.2.1");
		assertThat(throttle.refusal("someone", "10.0.2.1")).isPresent();
		assertThat(throttle.refusal(null, "10.0.2.1")).isPresent();
		assertThat(throttle.refusal("someone", "10.0.2.2")).isEmpty();
	}

	@Test
	void aSuccessfulLoginClearsTheAccountsFailuresButNotTheClients() {
		throttle.failed("dave", "10.0.3.1");
		throttle.failed("dave", "10.0.3.1");
		throttle.succeeded("dave");
		throttle.failed("dave", "10.0.3.1");
		throttle.failed("dave", "10.0.3.1");
		assertThat(throttle.refusal("dave", "10.0.3.2")).isEmpty();
		throttle.failed("dave", "10.0.3.1");
		assertThat(throttle.refusal("erin", "10.0.3.1")).as("five failures from 10.0.3.1").isPresent();
	}

}
