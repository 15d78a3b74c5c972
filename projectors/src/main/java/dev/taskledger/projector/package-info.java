/** Events in motion: routes, the bus, the projection runtime and the projectors. */
package dev.taskledger.projector;
