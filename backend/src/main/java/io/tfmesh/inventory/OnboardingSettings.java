package io.tfmesh.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What registering a cluster through the dashboard or the API does besides storing it.
 *
 * @param enabled whether registration tests the cluster's connections and starts its first
 * observation
 * @param timeout how long the registration's answer waits for the connection tests, all three
 * together; one that has not answered by then is reported as a timeout. The first connection to
 * a Kubernetes API sets up its client, which takes a few seconds on a busy machine.
 */
@ConfigurationProperties("tfmesh.onboarding")
public record OnboardingSettings(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration timeout) {
}
