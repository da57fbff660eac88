package io.tfmesh.inventory;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Registers a cluster the way a person does, through the dashboard or the API: stores it, has
 * its first observation started at once in the background (so it never sits at "never
 * observed"), and answers with how each of its connections answered a test.
 */
@Service
public class ClusterOnboarding {

	private final ClusterService clusters;

	private final ConnectionTester tester;

	private final ApplicationEventPublisher events;

	private final OnboardingSettings settings;

	ClusterOnboarding(ClusterService clusters, ConnectionTester tester, ApplicationEventPublisher events,
			OnboardingSettings settings) {
		this.clusters = clusters;
		this.tester = tester;
		this.events = events;
		this.settings = settings;
	}

	public OnboardedCluster register(ClusterRequest request) {
		ClusterView cluster = clusters.create(request);
		if (!settings.enabled()) {
			return new OnboardedCluster(cluster, List.of());
		}
		events.publishEvent(new ClusterRegistered(cluster.id(), cluster.name()));
		return new OnboardedCluster(cluster, tester.test(clusters.access(cluster.id())));
	}

}
