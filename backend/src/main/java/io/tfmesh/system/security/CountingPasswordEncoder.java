package io.tfmesh.system.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password checks as {@code tfmesh.security.password.checks}: each is a bcrypt round,
 * the most expensive thing a request can make tfmesh do.
 */
class CountingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final Counter checks;

	CountingPasswordEncoder(PasswordEncoder encoder, MeterRegistry meters) {
		this.encoder = encoder;
		this.checks = Counter.builder("tfmesh.security.password.checks")
			.description("Passwords checked against their stored hash")
			.register(meters);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return encoder.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		checks.increment();
		return encoder.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return encoder.upgradeEncoding(encodedPassword);
	}

}
