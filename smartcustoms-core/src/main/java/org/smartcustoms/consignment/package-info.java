/**
 * Low-value consignments (e-commerce): the light declaration of the EU H7 / Japan low-value import data set
 * ({@link org.smartcustoms.consignment.LowValueConsignment}, about twenty data elements), submitted in bulk manifests
 * by platforms and carriers ({@link org.smartcustoms.consignment.ManifestParser}: CSV or JSON lines, streamed, every
 * bad row reported with its row number and reasons), assessed with the de minimis relief of the tariff
 * ({@link org.smartcustoms.consignment.ConsignmentAssessor}) and scored for risk, including orders split under the
 * threshold by the same buyer ({@link org.smartcustoms.consignment.SplitOrderDetector},
 * {@link org.smartcustoms.consignment.ConsignmentRiskScorer}). Framework-free and immutable, like the rest of the core.
 */
package org.smartcustoms.consignment;
