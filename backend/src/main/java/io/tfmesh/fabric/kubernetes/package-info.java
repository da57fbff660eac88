/**
 * The Kubernetes connector and the records it reads and writes. Observation and the planner
 * use them; nothing else in tfmesh talks to a cluster's Kubernetes API.
 */
@NamedInterface("kubernetes")
package io.tfmesh.fabric.kubernetes;

import org.springframework.modulith.NamedInterface;
