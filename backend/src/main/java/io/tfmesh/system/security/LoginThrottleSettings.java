package io.tfmesh.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins tfmesh takes before it refuses further attempts for a while.
 *
 * @param maxFailuresPerAccount failed logins of one username within {@code lockout} after which
 * that username is refused
 * @param maxFailuresPerClient failed logins from one client address within {@code lockout} after
 * which that address is refused, whatever username or token it tries
 * @param lockout how long failures count, and how long a refused username or address stays
 * refused after its last counted failure
 */
@ConfigurationProperties("tfmesh.security.login")
record LoginThrottleSettings(@DefaultValue("5") int maxFailuresPerAccount, @DefaultValue("20") int maxFailuresPerClient,
		@DefaultValue("5m") Duration lockout) {
}
