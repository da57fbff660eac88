package io.tfmesh.inventory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A cluster just registered, with how each of its APIs answered the registration's test.
 *
 * @param connections empty when onboarding is turned off ({@code tfmesh.onboarding.enabled})
 */
public record OnboardedCluster(@JsonUnwrapped ClusterView cluster, List<ConnectionCheck> connections) {
}
