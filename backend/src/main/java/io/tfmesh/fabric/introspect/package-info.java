/**
 * The Sandesh introspect connector and the node, process and service states it reads, with
 * the mapping to contrail-status.
 */
@NamedInterface("introspect")
package io.tfmesh.fabric.introspect;

import org.springframework.modulith.NamedInterface;
