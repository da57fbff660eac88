package io.tfmesh.system;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		// PostgreSQL keeps microseconds; a finer clock would make a value differ from its stored copy
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

}
