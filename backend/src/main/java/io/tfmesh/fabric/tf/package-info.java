/**
 * The Tungsten Fabric config API connector and the TF objects it reads and writes.
 */
@NamedInterface("tf")
package io.tfmesh.fabric.tf;

import org.springframework.modulith.NamedInterface;
