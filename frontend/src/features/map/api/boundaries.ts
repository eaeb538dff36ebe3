// The county boundaries (TopoJSON, 230 KB) as GeoJSON features plus city and province outlines.
import { useEffect, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import topoUrl from '#data/geo/guangxi-counties.topo.json?url';

type Props = { name: string; cityCode: string };
export type CountyShape = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, Props> & { id: string };
export interface Boundaries {
  counties: CountyShape[];
  cityBorders: GeoJSON.MultiLineString;
  outline: GeoJSON.MultiLineString;
}

let cache: Promise<Boundaries> | null = null;

function load(): Promise<Boundaries> {
  cache ??= fetch(topoUrl)
    .then((r) => r.json())
    .then((topo: Topology<{ counties: GeometryCollection<Props> }>) => {
      const obj = topo.objects.counties;
      return {
        counties: feature(topo, obj).features as CountyShape[],
        cityBorders: mesh(topo, obj, (a, b) => a !== b && (a.properties as Props).cityCode !== (b.properties as Props).cityCode),
        outline: mesh(topo, obj, (a, b) => a === b),
      };
    });
  return cache;
}

/**
 * Starts loading the boundaries without waiting for the map to mount: the dashboard asks for them
 * beside its figures, so the file is on its way (or read) when the figures arrive.
 */
export function preloadBoundaries(): void {
  load().catch(() => undefined); // the map's own useBoundaries reports a failure
}

export function useBoundaries() {
  const [data, setData] = useState<Boundaries | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    load().then(setData, setError);
  }, []);
  return { data, error };
}
