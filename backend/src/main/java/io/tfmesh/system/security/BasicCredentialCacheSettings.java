package io.tfmesh.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long verified HTTP Basic credentials are remembered ({@link VerifiedCredentials}).
 *
 * @param ttl how long credentials are taken without checking the password again; {@code 0s}
 * checks the password on every call
 * @param maxEntries how many verified credentials are remembered at most
 */
@ConfigurationProperties("tfmesh.security.basic-cache")
record BasicCredentialCacheSettings(@DefaultValue("5m") Duration ttl, @DefaultValue("10000") int maxEntries) {
}
